// A folder host shows what a fresh check of the same files shows, in the cases the host properties
// found it did not: a symlinked document whose target changes, and editor text a check would skip.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../../server/src/convert';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { FolderHost } from '../../server/src/host';
import { joinLines } from '../helpers';
import { TODAY } from './support';

describe('a folder host and a fresh check agree', () => {
  let root = '';
  const abs = (rel: string): string => path.join(root, rel);
  const codes = (host: FolderHost, rel: string): string[] => diagnosticsFor(host, rel).map((d) => String(d.code));

  async function hostOver(files: Record<string, string>): Promise<FolderHost> {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-host-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      fs.writeFileSync(abs(rel), text);
    }
    const host = new FolderHost('repo', pathToUri(root), root, { today: TODAY });
    await host.index(() => undefined);
    return host;
  }

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('re-reads a symlinked document when its target changes, and reports it when the target goes', async () => {
    const policy = joinLines('---', 'id: POL-A', 'owner: ciso', 'criteria: [CC6.1]', 'last_reviewed: 2026-06-01', '---', '');
    const host = await hostOver({ 'policies/a.md': policy });
    fs.symlinkSync('a.md', abs('policies/linked.md'));
    host.fileChanged(abs('policies/linked.md'));
    assert.deepEqual(codes(host, 'policies/linked.md'), ['duplicate-id']);
    fs.writeFileSync(abs('policies/a.md'), policy.replace('CC6.1', 'CC9.9'));
    host.fileChanged(abs('policies/a.md'));
    assert.deepEqual(codes(host, 'policies/linked.md'), ['duplicate-id', 'unknown-criterion']);
    fs.rmSync(abs('policies/a.md'));
    host.fileDeleted(abs('policies/a.md'));
    assert.deepEqual(codes(host, 'policies/linked.md'), ['document-unreadable']);
    assert.match(String(diagnosticsFor(host, 'policies/linked.md')[0].message), /the link target does not exist/);
  });

  it('skips a config in the editor that a check would skip (binary), as it skips the file', async () => {
    const config = joinLines('categories: [security, availability]', '');
    const host = await hostOver({ 'compliance-docs.yml': config });
    assert.deepEqual(host.workspace.getConfig().categories, ['security', 'availability']);
    const text = `${config}\u0000`;
    host.didOpen('compliance-docs.yml', { uri: pathToUri(abs('compliance-docs.yml')), text, version: 1 });
    fs.writeFileSync(abs('compliance-docs.yml'), text);
    const fresh = new FolderHost('repo', pathToUri(root), root, { today: TODAY });
    await fresh.index(() => undefined);
    assert.deepEqual(host.workspace.getConfig(), fresh.workspace.getConfig());
    assert.deepEqual(host.workspace.getConfig().categories, ['security']);
    assert.deepEqual(diagnosticsFor(host, 'compliance-docs.yml'), diagnosticsFor(fresh, 'compliance-docs.yml'));
  });

  it('reports a config file it cannot read on the file, and uses the defaults', async () => {
    const host = await hostOver({ 'policies/a.md': joinLines('---', 'id: POL-A', '---', '') });
    fs.writeFileSync(abs('compliance-docs.yml'), Buffer.from([0x63, 0x61, 0x74, 0, 0x3a, 0x20, 0x78]));
    host.fileChanged(abs('compliance-docs.yml'));
    const d = diagnosticsFor(host, 'compliance-docs.yml');
    assert.deepEqual(
      d.map((x) => [x.code, x.range, x.message]),
      [['config-invalid', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'compliance-docs.yml could not be read as text: it is binary, larger than 5 MB or unreadable. The defaults are used until it is fixed.']],
    );
    assert.deepEqual(host.workspace.getConfig().categories, ['security']);
  });
});
