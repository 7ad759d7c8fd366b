// Writers for `check`: eslint-style text, JSON and SARIF 2.1.0. Pure string building.

import { RULES } from '../rules/registry';
import type { DocumentType, Severity } from '../model/types';
import { describeReading, type RunSummary } from '../model/program';

/** "Read 12 documents (8 policies, 4 procedures); passed over 3 markdown files." */
export function describeRun(summary: RunSummary): string {
  const byType: Record<DocumentType, number> = { policy: 0, procedure: 0, control: 0, narrative: 0, vendor: 0, risk: 0, 'risk-assessment': 0 };
  for (const d of summary.documents) byType[d.type]++;
  return describeReading({ documents: summary.documents.length, byType }, summary.skipped.length, ' (`--format json` lists them with the reason)');
}

export interface LocatedFinding {
  readonly path: string;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Zero-based; absent for findings on the repository root. */
  readonly range?: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
}

export function countFindings(findings: readonly LocatedFinding[]): FindingCounts {
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', hint: '\u001b[90m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m', underline: '\u001b[4m' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Text from a repository as it may go to a terminal or a CI log: control characters (escape
 * sequences that move the cursor, retitle the window or write the clipboard; line breaks that would
 * start a `::warning::` line in GitHub Actions) and bidirectional controls (which reorder what is
 * shown) print as escapes: `\n`, `\r`, `\t`, `\x1b`, `\u202e`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Bidirectional embeddings, overrides and isolates (which reorder what is shown) as `<U+202E>`. */
export function visibleBidi(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}

/** A finding printed this many times or more (same severity, rule and message) is printed once, with its places. */
export const REPEAT_MIN = 3;
/** Places of a repeated finding are wrapped at this width. */
const PLACES_WIDTH = 100;

function placeOf(f: LocatedFinding): string {
  const file = f.path === '' ? '(repository)' : printable(f.path);
  return f.range ? `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}` : file;
}

/** Per rule, how many findings, most first: "9 uncovered-criterion, 3 duplicate-id". */
export function countsByRule(findings: readonly LocatedFinding[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The report as text, every line ended. */
export function formatText(findings: readonly LocatedFinding[], options: { color?: boolean; summary?: RunSummary } = {}): string {
  return `${textReport(findings, options)}\n`;
}

/** formatText without its last line break (the command line adds it to the bytes it writes). */
export function textReport(findings: readonly LocatedFinding[], options: { color?: boolean; summary?: RunSummary } = {}): string {
  const c = options.color ? COLORS : { error: '', warning: '', info: '', hint: '', dim: '', bold: '', reset: '', underline: '' };
  // The same finding in many places (a long message on 33 files) is printed once, with its count and
  // places. Counted by message first: a message is a string the finding already holds (its hash is
  // kept), so a report of 100,000 different findings builds no key; only a message seen three times
  // is told apart by severity and rule.
  const perMessage = new Map<string, number>();
  for (const f of findings) perMessage.set(f.message, (perMessage.get(f.message) ?? 0) + 1);
  let perKind: Map<string, Map<string, LocatedFinding[]>> | undefined;
  for (const f of findings) {
    if ((perMessage.get(f.message) as number) < REPEAT_MIN) continue;
    perKind ??= new Map();
    const kinds = perKind.get(f.message) ?? new Map<string, LocatedFinding[]>();
    perKind.set(f.message, kinds);
    const kind = `${f.severity} ${f.code}`;
    const list = kinds.get(kind);
    if (list) list.push(f);
    else kinds.set(kind, [f]);
  }
  const repeated: LocatedFinding[][] = [];
  const grouped = new Set<LocatedFinding>();
  if (perKind) {
    for (const kinds of perKind.values()) {
      for (const list of kinds.values()) {
        if (list.length < REPEAT_MIN) continue;
        repeated.push(list);
        for (const f of list) grouped.add(f);
      }
    }
  }
  const byFile = new Map<string, LocatedFinding[]>();
  for (const f of findings) {
    if (grouped.size > 0 && grouped.has(f)) continue;
    const list = byFile.get(f.path);
    if (list) list.push(f);
    else byFile.set(f.path, [f]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(`${c.underline}${file === '' ? '(repository)' : printable(file)}${c.reset}`);
    const rows = list.map((f) => [f.range ? `${f.range.start.line + 1}:${f.range.start.character + 1}` : '-', f.severity, printable(f.message), f.code] as const);
    // A loop, not Math.max(...rows): spreading 125,000 rows into one call overflows the stack.
    let w0 = 0;
    let w1 = 0;
    for (const r of rows) {
      if (r[0].length > w0) w0 = r[0].length;
      if (r[1].length > w1) w1 = r[1].length;
    }
    for (const [pos, sev, msg, code] of rows) {
      out.push(`  ${c.dim}${pos.padEnd(w0)}${c.reset}  ${c[sev]}${sev.padEnd(w1)}${c.reset}  ${msg}  ${c.dim}${code}${c.reset}`);
    }
    out.push('');
  }
  for (const list of repeated) {
    const f = list[0];
    out.push(`${c.bold}${list.length} times${c.reset}  ${c[f.severity]}${f.severity}${c.reset}  ${printable(f.message)}  ${c.dim}${f.code}${c.reset}`);
    let line = '  at';
    for (let i = 0; i < list.length; i++) {
      const place = `${placeOf(list[i])}${i < list.length - 1 ? ',' : ''}`;
      if (line.length > 4 && line.length + 1 + place.length > PLACES_WIDTH) {
        out.push(line);
        line = '    ';
      }
      line += `${line.endsWith(' ') ? '' : ' '}${place}`;
    }
    out.push(line, '');
  }
  const n = countFindings(findings);
  if (findings.length === 0) out.push('No problems found.');
  else {
    const parts = [plural(n.error, 'error'), plural(n.warning, 'warning')];
    if (n.info) parts.push(plural(n.info, 'info'));
    if (n.hint) parts.push(plural(n.hint, 'hint'));
    out.push(`${c.bold}${n.error ? c.error : n.warning ? c.warning : ''}✖ ${plural(findings.length, 'problem')} (${parts.join(', ')})${c.reset}`);
    // Per rule, once some rule has more than one finding (a list of ones would restate the lines above).
    const byRule = countsByRule(findings);
    if (byRule.length > 0 && byRule[0][1] > 1) {
      const many = byRule.filter(([, k]) => k > 1);
      const once = byRule.length - many.length;
      const shown = once > 3 ? many : byRule;
      out.push(`By rule: ${shown.map(([code, k]) => `${k} ${code}`).join(', ')}${shown === many && once > 0 ? `, and ${once} other rules once each` : ''}`);
    }
  }
  if (options.summary) out.push(`${c.dim}${printable(describeRun(options.summary))}${c.reset}`);
  return out.join('\n');
}

export function formatJson(findings: readonly LocatedFinding[], meta: { root: string; today: string; summary?: RunSummary }): string {
  return `${jsonReport(findings, meta)}\n`;
}

/** formatJson without its last line break. */
export function jsonReport(findings: readonly LocatedFinding[], meta: { root: string; today: string; summary?: RunSummary }): string {
  const n = countFindings(findings);
  return JSON.stringify(
    {
      root: meta.root,
      today: meta.today,
      summary: { errors: n.error, warnings: n.warning, infos: n.info, hints: n.hint },
      ...(meta.summary ? { documents: meta.summary.documents, skipped: meta.summary.skipped } : {}),
      findings: findings.map((f) => ({
        path: f.path,
        ...(f.range ? { line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 } : {}),
        code: f.code,
        severity: f.severity,
        message: f.message,
      })),
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * A SARIF plain-text message: `[text](n)` is an embedded link there, so the brackets of repository
 * text are escaped as `\\[` and `\\]` (and a backslash before one is doubled).
 */
function sarifText(text: string): string {
  return text.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, '\\$&');
}

/** A relative URI for a repository path: each segment percent-encoded, `#`, `?`, `%` and `:` included. */
function sarifUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(findings: readonly LocatedFinding[], meta: { version: string; informationUri?: string; severityOf: (code: string) => Severity | 'off'; summary?: RunSummary }): string {
  return `${sarifReport(findings, meta)}\n`;
}

/** formatSarif without its last line break. */
export function sarifReport(findings: readonly LocatedFinding[], meta: { version: string; informationUri?: string; severityOf: (code: string) => Severity | 'off'; summary?: RunSummary }): string {
  const rules = RULES.map((r) => {
    const sev = meta.severityOf(r.code);
    return {
      id: r.code,
      name: r.code.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: r.description },
      helpUri: `${meta.informationUri ?? 'https://github.com/compliance-docs/compliance-docs'}/blob/main/docs/rules.md#${r.code}`,
      defaultConfiguration: { enabled: sev !== 'off', level: sev === 'off' ? SARIF_LEVEL[r.defaultSeverity] : SARIF_LEVEL[sev] },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) ?? -1,
    level: SARIF_LEVEL[f.severity],
    message: { text: sarifText(f.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.path === '' ? '.' : sarifUri(f.path) },
          ...(f.range
            ? { region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 } }
            : {}),
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'compliance-docs', version: meta.version, informationUri: meta.informationUri ?? 'https://github.com/compliance-docs/compliance-docs', rules } },
        columnKind: 'utf16CodeUnits',
        ...(meta.summary ? { properties: sarifRunProperties(meta.summary) } : {}),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** The run's reading, for SARIF's run property bag: documents by type and files passed over. */
function sarifRunProperties(summary: RunSummary): Record<string, unknown> {
  const byType: Record<DocumentType, number> = { policy: 0, procedure: 0, control: 0, narrative: 0, vendor: 0, risk: 0, 'risk-assessment': 0 };
  for (const d of summary.documents) byType[d.type]++;
  return { documents: summary.documents.length, documentsByType: byType, skippedMarkdownFiles: summary.skipped.length, summary: describeRun(summary) };
}
