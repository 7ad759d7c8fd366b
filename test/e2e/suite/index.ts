// Entry point VS Code's extension host calls with extensionTestsPath: runs every *.test.js bundled next
// to this file. The promise's outcome becomes the exit code the e2e runner reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Generous timeout: the first test pays for activation and the language server's first scan.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    return Promise.reject(new Error(`no *.test.js files next to ${__filename}`));
  }
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
      // The spec reporter's summary comes last; also name each failure as it happens so a run cut
      // short by a timeout still says what broke.
      runner.on('fail', (test, err: Error) => {
        console.error(`FAILED: ${test.fullTitle()}\n${err.stack ?? err.message}`);
      });
    } catch (err) {
      // A test file that throws while loading.
      reject(err);
    }
  });
}
