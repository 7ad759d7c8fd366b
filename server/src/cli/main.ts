// The compliance-docs command: check, coverage, diff, init, lsp.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runCoverage } from './coverage';
import { runDiff } from './diff';
import { runInit } from './init';
import { printable } from '../core/report/findings';
import { closest } from '../core/text/similar';
import { UsageError, VERSION } from './common';

const HELP = `compliance-docs ${VERSION}: checks a SOC 2 program kept as markdown.

Usage:
  compliance-docs check [dir] [--format text|json|sarif] [--today YYYY-MM-DD|fieldwork] [--max-warnings N] [--baseline FILE] [--output FILE]
  compliance-docs coverage [dir] [--format text|json|md|csv|html|xlsx] [--table KEY] [--today YYYY-MM-DD|fieldwork] [--output FILE]
  compliance-docs diff --base REF [dir] [--format text|md|sarif] [--today YYYY-MM-DD] [--output FILE]
  compliance-docs init [dir]
  compliance-docs lsp [--stdio | --node-ipc]

Options:
  --format         output format (check: text; coverage: text)
  --today          check as of this date instead of today; fieldwork: the audit.fieldwork date of the config
  --max-warnings   fail when there are more warnings than this (negative: no limit)
  --baseline       check: report only findings not in this file (a \`check --format json\` output)
  --base           diff: the commit, branch or tag to compare the working tree with
  --table          coverage --format csv: the table to write (matrix, the default; calendar,
                   risks, not-counted, vendors, legend); Markdown, HTML and xlsx hold them all
  --output, -o     write the report to a file instead of stdout
  --no-cache       do not read or write the cache (parsed documents, last result)
  --cache-dir      where the cache lives (default: the user cache folder)
  --color          colour the text output even when it is not a terminal
  --no-color       never colour the text output (NO_COLOR in the environment does the same)
  --full-parse     parse every document with the reference markdown and YAML parsers, one thread,
                   no cache (slower; for comparing with the fast path)
  --help, -h       show this help
  --version, -v    show the version

Exit codes: 0 no errors, 1 findings fail the check (diff: an error was added), 2 usage or configuration error.
`;

type OptionSpec = { readonly type: 'string' | 'boolean'; readonly short?: string };

const REPORT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  format: { type: 'string', short: 'f' },
  today: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'full-parse': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The options each command accepts; anything else is a usage error rather than silently ignored. */
const COMMAND_OPTIONS: Readonly<Record<string, Readonly<Record<string, OptionSpec>>>> = {
  check: { ...REPORT_OPTIONS, 'max-warnings': { type: 'string' }, baseline: { type: 'string' } },
  diff: { base: { type: 'string' }, format: { type: 'string', short: 'f' }, today: { type: 'string' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
  coverage: { ...REPORT_OPTIONS, table: { type: 'string' } },
  init: { today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
};

const COMMANDS = ['check', 'coverage', 'diff', 'init', 'lsp'];

/** A mistake in the command line itself, where pointing at --help helps. */
class CommandLineError extends UsageError {}

/** parseArgs' errors, reworded as one line that names the command. */
function argumentError(e: unknown, command: string): CommandLineError | undefined {
  const code = (e as { code?: string }).code;
  if (!(e instanceof TypeError) || !code?.startsWith('ERR_PARSE_ARGS')) return undefined;
  const option = /'([^']+)'/.exec(e.message)?.[1]?.replace(/ <value>$/, '').replace(/^-\w, /, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const known = Object.keys(COMMAND_OPTIONS[command]).map((o) => `--${o}`);
    return new CommandLineError(`unknown option \`${option}\` for ${command}. Options: ${known.join(', ')}.`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(e.message) ? new CommandLineError(`${option} needs a value.`) : new CommandLineError(`${option} does not take a value.`);
  }
  return new CommandLineError(e.message.split('\n')[0]);
}

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
    // The transports vscode-languageserver understands; anything else is a mistake, not ignored.
    const bad = rest.find((a) => !/^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/.test(a));
    if (bad !== undefined) throw new CommandLineError(`unknown option \`${bad}\` for lsp. Options: --stdio, --node-ipc, --socket=PORT, --pipe=NAME, --clientProcessId=PID.`);
    const { startServer } = await import('../start');
    if (!process.argv.includes('--stdio') && !process.argv.includes('--node-ipc') && !process.argv.some((a) => a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
    startServer();
    return new Promise<number>(() => undefined);
  }
  const options = COMMAND_OPTIONS[command];
  if (!options) {
    const near = closest(command, COMMANDS);
    throw new CommandLineError(`unknown command \`${command}\`.${near ? ` Did you mean \`${near}\`?` : ''} Commands: ${COMMANDS.join(', ')}.`);
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  // `--max-warnings -1`: a negative number is the option's value, not another option.
  const args = rest.flatMap((a, i) => (i > 0 && rest[i - 1] === '--max-warnings' && /^-\d+$/.test(a) ? [] : a === '--max-warnings' && /^-\d+$/.test(rest[i + 1] ?? '') ? [`--max-warnings=${rest[i + 1]}`] : [a]));
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw argumentError(e, command) ?? e;
  }
  const { positionals } = parsed;
  const str = (k: string): string | undefined => (typeof parsed.values[k] === 'string' ? (parsed.values[k] as string) : undefined);
  const flag = (k: string): boolean => parsed.values[k] === true;
  if (flag('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CommandLineError(`expected at most one directory, got ${positionals.length}: ${positionals.join(' ')}.`);
  const dir = positionals[0] ?? '.';
  const output = str('output');
  const write = (text: string | Uint8Array): void => {
    if (output === undefined) {
      process.stdout.write(text);
      return;
    }
    try {
      fs.writeFileSync(output, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
      throw new UsageError(`cannot write the report to ${output}: ${why}.`);
    }
  };
  const color = flag('no-color') ? false : flag('color') ? true : output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const common = {
    dir,
    today: str('today'),
    noCache: flag('no-cache'),
    cacheDir: str('cache-dir'),
    fullParse: flag('full-parse'),
    color,
    write,
  };
  switch (command) {
    case 'check':
      return runCheck({ ...common, format: str('format') ?? 'text', maxWarnings: str('max-warnings'), baseline: str('baseline') });
    case 'diff':
      return runDiff({ dir, base: str('base'), format: str('format') ?? 'text', today: str('today'), write });
    case 'coverage':
      return runCoverage({ ...common, format: str('format') ?? 'text', table: str('table'), toTerminal: output === undefined && process.stdout.isTTY === true });
    default:
      return runInit({ dir, today: str('today'), log: (s) => process.stdout.write(`${s}\n`) });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`compliance-docs: ${printable(e.message)}${e instanceof CommandLineError ? ' Run `compliance-docs --help` for usage.' : ''}\n`);
    } else {
      process.stderr.write(`compliance-docs: internal error: ${(e instanceof Error ? (e.stack ?? e.message) : String(e)).split('\n').map(printable).join('\n')}\n`);
    }
    process.exitCode = 2;
  },
);
