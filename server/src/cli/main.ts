// The compliance-docs command: check, coverage, init, lsp.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runCoverage } from './coverage';
import { runInit } from './init';
import { UsageError, VERSION } from './common';

const HELP = `compliance-docs ${VERSION}: checks a SOC 2 program kept as markdown.

Usage:
  compliance-docs check [dir] [--format text|json|sarif] [--today YYYY-MM-DD] [--max-warnings N] [--output FILE]
  compliance-docs coverage [dir] [--format text|json|md|csv|html] [--today YYYY-MM-DD] [--output FILE]
  compliance-docs init [dir]
  compliance-docs lsp [--stdio | --node-ipc]

Options:
  --format         output format (check: text; coverage: text)
  --today          check as of this date instead of today
  --max-warnings   fail when there are more warnings than this
  --output, -o     write the report to a file instead of stdout
  --no-cache       do not read or write the parse cache
  --cache-dir      where the parse cache lives (default: the user cache folder)
  --help, -h       show this help
  --version, -v    show the version

Exit codes: 0 no errors, 1 findings fail the check, 2 usage or configuration error.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'lsp') {
    const { startServer } = await import('../start');
    if (!process.argv.includes('--stdio') && !process.argv.includes('--node-ipc') && !process.argv.some((a) => a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
    startServer();
    return new Promise<number>(() => undefined);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      today: { type: 'string' },
      'max-warnings': { type: 'string' },
      output: { type: 'string', short: 'o' },
      'no-cache': { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'full-parse': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const dir = positionals[0] ?? '.';
  const write = (text: string): void => {
    if (values.output) fs.writeFileSync(values.output, text);
    else process.stdout.write(text);
  };
  const color = values['no-color'] ? false : values.color ? true : !values.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const common = {
    dir,
    today: values.today,
    noCache: values['no-cache'] === true,
    cacheDir: values['cache-dir'],
    fullParse: values['full-parse'] === true,
    color,
    write,
  };
  switch (command) {
    case 'check':
      return runCheck({ ...common, format: values.format ?? 'text', maxWarnings: values['max-warnings'] });
    case 'coverage':
      return runCoverage({ ...common, format: values.format ?? 'text' });
    case 'init':
      return runInit({ dir, today: values.today, log: (s) => process.stdout.write(`${s}\n`) });
    default:
      throw new UsageError(`unknown command \`${command}\`. Commands: check, coverage, init, lsp.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`compliance-docs: ${e.message}\nRun \`compliance-docs --help\` for usage.\n`);
    } else {
      process.stderr.write(`compliance-docs: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);

