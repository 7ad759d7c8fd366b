import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../core/config/config';
import { detectedConfig } from '../core/features/detectConfig';
import { starterFiles } from '../core/features/init';
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
  if (fs.existsSync(root) && fs.statSync(root).isDirectory() && !CONFIG_FILE_NAMES.some((n) => present(path.join(root, n)))) {
    const { workspace } = await loadWorkspace(root, { today });
    if (workspace.documentCount > 0) {
      const detected = detectedConfig(workspace);
      writeNew(root, options.dir, 'compliance-docs.yml', detected.text);
      for (const line of detected.found) options.log(line);
      options.log(`created ${path.join(options.dir, 'compliance-docs.yml')}`);
      options.log('Next: run `compliance-docs check`; add not_applicable entries and an audit period as your scope requires.');
      return 0;
    }
  }
  const files: Array<[string, string]> = starterFiles(today).map((f) => [f.path, f.content]);
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${options.dir}`);
  // Any config name counts: the new compliance-docs.yml would silently shadow an existing .compliance-docs.yml.
  // A symlink counts too, dangling or not: writing would go wherever it points.
  const existing = [...new Set([...CONFIG_FILE_NAMES, ...files.map(([rel]) => rel)])].filter((rel) => present(path.join(root, rel)));
  if (existing.length > 0) {
    throw new UsageError(`${options.dir} already has ${existing.join(', ')}; init overwrites nothing, so nothing was written. Remove them or run init in an empty folder.`);
  }
  for (const [rel] of files) refuseLinkedFolders(root, options.dir, rel);
  for (const [rel, content] of files) {
    writeNew(root, options.dir, rel, content);
    options.log(`created ${path.join(options.dir, rel)}`);
  }
  options.log('Next: fill in owners, map your controls to criteria, and run `compliance-docs check`.');
  return 0;
}

/** Whether anything is at `abs`, a symlink included (existsSync follows links and misses a dangling one). */
function present(abs: string): boolean {
  try {
    return fs.lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

/** Refuses a path whose folders below the root include a symlink (or a file): init writes only inside the folder it was given. */
function refuseLinkedFolders(root: string, dir: string, rel: string): void {
  const segments = rel.split('/').slice(0, -1);
  for (let i = 1; i <= segments.length; i++) {
    const sub = segments.slice(0, i).join('/');
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(path.join(root, sub), { throwIfNoEntry: false });
    } catch (e) {
      throw new UsageError(`cannot look at ${path.join(dir, sub)} (${(e as NodeJS.ErrnoException).code ?? String(e)}); nothing was written.`);
    }
    if (st === undefined) return;
    if (st.isSymbolicLink()) throw new UsageError(`${path.join(dir, sub)} is a symlink; init writes only inside ${dir}, never through a link, so nothing was written. Remove the link or run init in another folder.`);
    if (!st.isDirectory()) throw new UsageError(`${path.join(dir, sub)} is not a folder, so init cannot write ${rel} under it; nothing was written.`);
  }
}

/** Creates a file that must not exist yet, in folders checked to be no symlinks; any failure is a plain message. */
function writeNew(root: string, dir: string, rel: string, content: string): void {
  refuseLinkedFolders(root, dir, rel);
  const abs = path.join(root, rel);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'something is already there (a file or a symlink)' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
    throw new UsageError(`cannot write ${path.join(dir, rel)}: ${why}. init overwrites nothing.`);
  }
}
