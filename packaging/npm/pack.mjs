#!/usr/bin/env node
// Builds the `compliance-docs` npm package: the command line alone, from the bundles in dist/.
//
// The repository's own package.json is the VS Code extension's manifest (engines.vscode,
// contributes, main: the extension client, every build and test tool as a devDependency) and is
// private, so that it is never published by mistake. The CLI is published from a manifest of its
// own, written here from that one's name, version, licence and repository: the bundles need no
// dependency at run time, so the package is three files (cli.js, the parse worker it starts, the
// xlsx writer it loads for `coverage --format xlsx`), this README and the licence.
//
// usage: node packaging/npm/pack.mjs [--out DIR] [--no-build]
//   builds the production bundles (unless --no-build: the dist/ there is used as it is), stages the
//   package in DIR/package (default out/npm) and runs `npm pack` there; prints the tarball's path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(project, 'out', 'npm'));
if (!args.includes('--no-build')) execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: project, stdio: 'inherit' });

const root = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
const stage = path.join(out, 'package');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(path.join(stage, 'dist'), { recursive: true });
for (const f of ['cli.js', 'worker.js', 'xlsx.js']) {
  const from = path.join(project, 'dist', f);
  if (!fs.existsSync(from)) throw new Error(`dist/${f} is missing: build first (node esbuild.js --production)`);
  fs.copyFileSync(from, path.join(stage, 'dist', f));
}
fs.chmodSync(path.join(stage, 'dist', 'cli.js'), 0o755);
fs.copyFileSync(path.join(project, 'packaging', 'npm', 'README.md'), path.join(stage, 'README.md'));
fs.copyFileSync(path.join(project, 'LICENSE'), path.join(stage, 'LICENSE'));
const manifest = {
  name: root.name,
  version: root.version,
  description: root.description,
  license: root.license,
  repository: root.repository,
  keywords: root.keywords,
  bin: { 'compliance-docs': 'dist/cli.js' },
  files: ['dist/cli.js', 'dist/worker.js', 'dist/xlsx.js'],
  engines: { node: root.engines.node },
};
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
console.log(path.join(out, name));
