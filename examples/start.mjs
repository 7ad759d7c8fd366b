// `npm start`: checks the example repository and prints its coverage, then exits with check's code,
// so a failing check is never hidden behind a coverage run that printed its report.
//
//   node examples/start.mjs [dir]     (default: examples/harborview, as of 2026-11-16)

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const example = path.join(here, 'harborview');
const dir = process.argv[2] ?? example;
const isExample = path.resolve(dir) === example;
// The example's findings are written for this date (examples/harborview/EXPECTED.md).
const today = isExample ? ['--today', '2026-11-16'] : [];

function run(command) {
  process.stdout.write(`\n$ compliance-docs ${command} ${path.relative(process.cwd(), dir) || '.'}${today.length ? ` ${today.join(' ')}` : ''}\n\n`);
  const r = spawnSync(process.execPath, [cli, command, dir, ...today], { stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const check = run('check');
const coverage = run('coverage');
process.stdout.write(`\ncheck exited ${check}, coverage exited ${coverage} (0: no errors, 1: findings fail the check, 2: configuration error).\n`);
if (isExample) {
  process.stdout.write(
    'examples/harborview is a sample program with deliberate mistakes of every kind, each listed in examples/harborview/EXPECTED.md.\n' +
      'One of them is in its config: `due_son_days` on line 16 of compliance-docs.yml is a misspelt `due_soon_days`, so both commands exit 2.\n' +
      'That is the example working, not a broken setup. Run `node examples/start.mjs DIR` to check another repository.\n',
  );
}
process.exitCode = check;
