import * as fs from 'node:fs';
import * as path from 'node:path';
import { newDocument } from '../core/features/templates';
import { CONFIG_FILE_NAMES } from '../core/config/config';
import { CONFIG_TEMPLATE } from '../core/features/configTemplate';
import { detectedConfig } from '../core/features/detectConfig';
import { loadWorkspace } from '../node/loadWorkspace';
import { resolveToday, UsageError } from './common';

export interface InitOptions {
  readonly dir: string;
  readonly today: string | undefined;
  readonly log: (line: string) => void;
}

/**
 * In a repository that already has a program: writes the config that reads it, saying what it found.
 * In an empty one: a commented config, one policy and one control. Refuses to overwrite anything.
 */
export async function runInit(options: InitOptions): Promise<number> {
  const today = resolveToday(options.today);
  const root = path.resolve(options.dir);
  if (fs.existsSync(root) && fs.statSync(root).isDirectory() && !CONFIG_FILE_NAMES.some((n) => fs.existsSync(path.join(root, n)))) {
    const { workspace } = await loadWorkspace(root, { today });
    if (workspace.documentCount > 0) {
      const detected = detectedConfig(workspace);
      const abs = path.join(root, 'compliance-docs.yml');
      fs.writeFileSync(abs, detected.text, { flag: 'wx' });
      for (const line of detected.found) options.log(line);
      options.log(`created ${path.join(options.dir, 'compliance-docs.yml')}`);
      options.log('Next: run `compliance-docs check`; add not_applicable entries and an audit period as your scope requires.');
      return 0;
    }
  }
  const files: Array<[string, string]> = [
    ['compliance-docs.yml', CONFIG_TEMPLATE],
    ['policies/access-control.md', newDocument({ type: 'policy', id: 'POL-ACCESS', title: 'Access Control Policy', criteria: ['CC6.1', 'CC6.2', 'CC6.3'], today })],
    [
      'controls/ac-01-access-review.md',
      newDocument({ type: 'control', id: 'AC-01', title: 'Quarterly user access review', criteria: ['CC6.2', 'CC6.3'], today }).replace('policies: []', 'policies: [POL-ACCESS]'),
    ],
  ];
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${options.dir}`);
  // Any config name counts: the new compliance-docs.yml would silently shadow an existing .compliance-docs.yml.
  const existing = [...new Set([...CONFIG_FILE_NAMES, ...files.map(([rel]) => rel)])].filter((rel) => fs.existsSync(path.join(root, rel)));
  if (existing.length > 0) {
    throw new UsageError(`${options.dir} already has ${existing.join(', ')}; init overwrites nothing, so nothing was written. Remove them or run init in an empty folder.`);
  }
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content, { flag: 'wx' });
    options.log(`created ${path.join(options.dir, rel)}`);
  }
  options.log('Next: fill in owners, map your controls to criteria, and run `compliance-docs check`.');
  return 0;
}
