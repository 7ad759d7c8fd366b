// Template text left in a document: `TODO`, `TBD`, `[Company Name]`, `<company name>`,
// `[day/month/year]`, `YYYY-MM-DD` where a date belongs, `{{.Name}}`, `Lorem ipsum`. Found in prose
// and frontmatter values, never in code, HTML comments or link destinations. Precision comes first:
// each kind has a shape that real prose does not take (see docs/rules.md, placeholder-text).

import type { Located, Span } from '../model/types';

/** What a bracketed or angled placeholder says: a name, a date, a title … of a company, an owner … */
const PLACEHOLDER_WORDS =
  /^(?:(?:insert|enter|add|your|the)\s+)?(?:(?:company|organi[sz]ation|business|client|customer|vendor|employee|owner|approver|author|policy owner|document owner|person|contact|role|team|department|product|service|effective|review|approval|revision|publication|version)\s+)?(?:name|date|title|email|e-mail|phone|phone number|address|company|organi[sz]ation|owner|approver|signature|number)(?:\s+here)?$/;
const DATE_FORMS = /^(?:day\/month\/year|month\/day\/year|dd\/mm\/yyyy|mm\/dd\/yyyy|yyyy-mm-dd|dd-mm-yyyy|mm-dd-yyyy|month day, year)$/;
/** `[Insert the logo]`, `<Enter the scope>`: an instruction to whoever fills the template. */
const INSTRUCTION = /^(?:insert|enter)\s+\S/;

/** The last word of a template field: what the reader is to write there. */
const FIELD_NOUNS = new Set(['name', 'date', 'title', 'email', 'e-mail', 'phone', 'address', 'signature', 'number', 'owner', 'approver', 'company', 'organization', 'organisation']);

/**
 * `[SECURITY OFFICER NAME]`, `[Effective Date]`, `<Policy Owner>`: up to five words written as a
 * template writes its fields, all in capitals or all capitalised, the last one naming what goes
 * there. Prose in brackets is lower case; a capitalised phrase that names nothing to fill in
 * (`[Dropbox Paper]`, `[IT Manager]`) is not taken.
 */
function isTemplateField(inner: string): boolean {
  const words = inner.trim().split(/\s+/);
  if (words.length === 0 || words.length > 5 || !FIELD_NOUNS.has(words[words.length - 1].toLowerCase())) return false;
  const upper = words.every((w) => /^[A-Z][A-Z'-]+$/.test(w));
  return upper || words.every((w) => /^[A-Z][a-z'-]+$/.test(w));
}

function isPlaceholderWords(inner: string): boolean {
  const s = inner.trim().toLowerCase().replace(/\s+/g, ' ');
  return PLACEHOLDER_WORDS.test(s) || DATE_FORMS.test(s) || INSTRUCTION.test(s) || isTemplateField(inner);
}

/** The start of the line holding `at`, and its end (before any `\r`). */
function lineAround(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  let end = nl === -1 ? text.length : nl;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** Spans of the body that are not prose: fenced code, indented code, HTML comments. Computed once, when there is a candidate. */
function nonProse(text: string, from: number): Span[] {
  const out: Span[] = [];
  let fence: { char: string; len: number; start: number } | undefined;
  let prevBlank = true;
  for (let i = from; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(i, end);
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && line.slice(m[0].length).trim() === '') {
        out.push({ start: fence.start, end });
        fence = undefined;
      }
    } else if (m && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) {
      fence = { char: m[1][0], len: m[1].length, start: i };
    } else if (prevBlank && /^(?: {4}|\t)/.test(line) && line.trim() !== '') {
      // An indented code block (or a deeply nested list item: never read, rather than misread).
      out.push({ start: i, end });
      prevBlank = true;
      i = end + 1;
      continue;
    }
    prevBlank = line.trim() === '';
    i = end + 1;
  }
  if (fence) out.push({ start: fence.start, end: text.length });
  for (let c = text.indexOf('<!--', from); c !== -1; c = text.indexOf('<!--', c + 4)) {
    const close = text.indexOf('-->', c + 4);
    out.push({ start: c, end: close === -1 ? text.length : close + 3 });
    if (close === -1) break;
  }
  return out;
}

/** Whether `at` is inside a code span of its line, a link destination, a raw URL or an autolink. */
function inCodeOrLink(text: string, at: number, end: number): boolean {
  const line = lineAround(text, at);
  const before = text.slice(line.start, at);
  // Code spans: backtick runs pair up with a run of the same length.
  const ticks = /`+/g;
  let open: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = ticks.exec(before)) !== null) {
    if (open === undefined) open = m[0];
    else if (m[0] === open) open = undefined;
  }
  if (open !== undefined && text.slice(end, line.end).includes(open)) return true;
  // `](…)` with no `)` before the candidate, a reference definition `[x]: …`, a URL or `<…>` autolink holding it.
  const dest = before.lastIndexOf('](');
  if (dest !== -1 && !before.slice(dest).includes(')')) return true;
  if (/^\s{0,3}\[[^\]]+\]:/.test(before)) return true;
  const word = before.slice(Math.max(before.lastIndexOf(' '), before.lastIndexOf('('), before.lastIndexOf('<')) + 1);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^www\./.test(word)) return true;
  return false;
}

/** `TODO` and `TBD` as words of a sentence about them (`must not contain TODO comments`, `"TBD"`) are mentions, not placeholders. */
function isMention(text: string, at: number, end: number, frontmatter: boolean): boolean {
  const prev = text[at - 1] ?? '';
  const next = text[end] ?? '';
  // In frontmatter, quotes are YAML's: `owner: "TBD"`.
  if (!frontmatter && /["'“‘]/.test(prev) && /["'”’]/.test(next)) return true;
  return /[a-z][a-z,]* $/.test(text.slice(Math.max(0, at - 30), at)) && /^ [a-z]/.test(text.slice(end, end + 2));
}

/** `YYYY-MM-DD` is a placeholder only where a date belongs: a whole table cell or frontmatter value, or after a label (`Effective date:`). */
function isDateSlot(text: string, at: number, end: number): boolean {
  const line = lineAround(text, at);
  const before = text.slice(line.start, at).replace(/[*_\s]+$/, '');
  const after = text.slice(end, line.end).replace(/^[*_]+/, '').trim();
  if (/\|$/.test(before) && /^\|/.test(after)) return true;
  if (after !== '' && !after.startsWith('|')) return false;
  const label = /(?:^|\|)\s*[-*+#>\s]*([^|]*):$/.exec(before);
  return label !== null && !/format/i.test(label[1]);
}

function accept(text: string, at: number, value: string, frontmatter: boolean): boolean {
  const end = at + value.length;
  const c = value.charCodeAt(0);
  if (c === 84 /* T */) return !isMention(text, at, end, frontmatter);
  if (c === 91 /* [ */ || c === 60 /* < */) {
    const inner = value.slice(1, -1);
    if (!isPlaceholderWords(inner)) return false;
    if (c === 60 && !inner.includes(' ') && inner === inner.toLowerCase()) return false; // `<date>`: an element, not a placeholder
    // A shortcut reference link `[Owner]` with a definition `[owner]: …` is a link.
    if (c === 91 && new RegExp(`^\\s{0,3}\\[${inner.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\]:`, 'im').test(text)) return false;
    return true;
  }
  // `{{.Name}}`, `{{ company_name }}`: a bare name. Shortcodes, sections, partials and filters (`{{< … >}}`, `{{#x}}`, `{{ x | y }}`) are a renderer's.
  if (c === 123 /* { */) return /^\{\{\s*\.?[A-Za-z_][\w.]*\s*\}\}$/.test(value);
  if (c === 76 /* L */ || c === 108 /* l */) return true;
  // A date format: a whole frontmatter value (checked by the caller), or where a date belongs in the body.
  return frontmatter || isDateSlot(text, at, end);
}

const DATE_FORM_START = /^(?:YYYY|yyyy|DD|dd|MM|mm)[-/]/;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const TEMPLATE = /\{\{[^{}\n]{1,60}\}\}/y;
const LOREM = /L(?:orem|OREM) (?:[Ii]psum|IPSUM)/y;
const DATE_FORM = /YYYY-MM-DD|DD\/MM\/YYYY|MM\/DD\/YYYY/y;

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/**
 * Where template text may start. Each kind has a character that is rare in prose (`T`, `L`, `Y`,
 * `{`, `]`, `>`), found with indexOf, which is far cheaper than a regular expression over the
 * whole text; the few hits are then matched exactly.
 */
function candidates(text: string, from: number): Array<{ at: number; value: string }> {
  const out: Array<{ at: number; value: string }> = [];
  for (let i = text.indexOf('T', from); i !== -1; i = text.indexOf('T', i + 1)) {
    const len = text.startsWith('TODO', i) ? 4 : text.startsWith('TBD', i) ? 3 : 0;
    if (len > 0 && !isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + len))) out.push({ at: i, value: text.slice(i, i + len) });
  }
  for (let i = text.indexOf('{', from); i !== -1; i = text.indexOf('{', i + 2)) {
    const v = text.charCodeAt(i + 1) === 123 ? sticky(TEMPLATE, text, i) : undefined;
    if (v) out.push({ at: i, value: v });
  }
  for (let i = text.indexOf('L', from); i !== -1; i = text.indexOf('L', i + 1)) {
    const v = sticky(LOREM, text, i);
    if (v && !isWordChar(text.charCodeAt(i - 1))) out.push({ at: i, value: v });
  }
  for (let i = text.indexOf('Y', from); i !== -1; i = text.indexOf('Y', i + 1)) {
    // The Y that starts YYYY-MM-DD, or the one six characters into DD/MM/YYYY.
    for (const at of [i, i - 6]) {
      if (at < from) continue;
      const v = sticky(DATE_FORM, text, at);
      if (v && !isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + v.length))) {
        out.push({ at, value: v });
        i = at + v.length;
        break;
      }
    }
  }
  for (const [open, close] of [['[', ']'], ['<', '>']] as const) {
    for (let i = text.indexOf(close, from); i !== -1; i = text.indexOf(close, i + 1)) {
      const next = text.charCodeAt(i + 1);
      // `[text](…)`, `[text][ref]`, `[ref]: …`: links and definitions.
      if (close === ']' && (next === 40 || next === 91 || next === 58 || next === 93)) continue;
      const at = text.lastIndexOf(open, i - 1);
      // `[[Owner]]`: a wiki link.
      if (close === ']' && text.charCodeAt(at - 1) === 91) continue;
      if (at < from || i - at < 2 || i - at > 41) continue;
      const inner = text.slice(at + 1, i);
      if (close === ']' ? /[[\n]/.test(inner) : !/^[A-Za-z][A-Za-z ]*$/.test(inner)) continue;
      out.push({ at, value: text.slice(at, i + 1) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Placeholders in the frontmatter values at `valueSpans` (whole values only for date formats) and in
 * the body from `bodyStart`, each at its text.
 */
export function findPlaceholders(text: string, bodyStart: number, valueSpans: readonly Span[]): Located[] {
  const from = valueSpans.length > 0 ? Math.min(bodyStart, valueSpans[0].start) : bodyStart;
  const found = candidates(text, from);
  if (found.length === 0) return [];
  const out: Located[] = [];
  let skip: Span[] | undefined;
  let covered = -1;
  for (const { at, value } of found) {
    const end = at + value.length;
    if (at < covered) continue; // inside a placeholder already taken (`TBD` of `[TBD date]`)
    if (at < bodyStart) {
      const span = valueSpans.find((s) => at >= s.start && end <= s.end);
      if (!span) continue;
      const raw = text.slice(span.start, span.end);
      const rel = at - span.start;
      // A YAML comment after the value is not the value.
      const hash = raw.lastIndexOf(' #', rel);
      if (hash !== -1 && !raw.slice(hash, rel).includes('\n')) continue;
      if (DATE_FORM_START.test(value) && raw.trim().replace(/^["']|["']$/g, '') !== value) continue;
      if (!accept(text, at, value, true)) continue;
    } else {
      if (!accept(text, at, value, false)) continue;
      skip ??= nonProse(text, bodyStart);
      if (skip.some((s) => at >= s.start && at < s.end) || inCodeOrLink(text, at, end)) continue;
    }
    out.push({ value, span: { start: at, end } });
    covered = end;
  }
  return out;
}
