// Bundles the extension client, the language server, the CLI and its worker, and (with --tests) the
// test suites. One script, several contexts; `vscode` is the only external of the client.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // remark's dependencies are ESM with `exports` maps; prefer their node/module builds.
  mainFields: ['module', 'main'],
  conditions: ['node', 'import', 'default'],
};

/** Test files are found by name so a new suite needs no registration. */
function findTests(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (/\.test\.ts$/.test(entry.name) || (entry.name === 'index.ts' && dir.includes(path.join('test', 'e2e')))) out.push(full);
  }
  return out;
}

async function main() {
  const builds = [
    { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
    { ...common, entryPoints: { server: 'server/src/main.ts', worker: 'server/src/node/worker.ts', xlsx: 'server/src/node/xlsx.ts' }, outdir: 'dist' },
    { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  ].filter((b) => Object.values(b.entryPoints).every((p) => fs.existsSync(p)));
  if (withTests) {
    const tests = findTests('test');
    // Compiled suites whose source was removed or renamed must not run again.
    fs.rmSync(path.join('out', 'test'), { recursive: true, force: true });
    if (tests.length) {
      builds.push({ ...common, entryPoints: tests, outdir: 'out', outbase: '.', external: ['vscode', 'mocha'] });
    }
  }
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
