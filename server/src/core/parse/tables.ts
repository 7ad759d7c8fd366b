// Mapping tables: a markdown table with a column of criterion IDs and, in its other columns, links to
// documents or their names (a central `SOC2-mapping.md`, or a "TSC mapping" table inside a policy).
// Parsing only finds the rows; which documents the links and names are is for the workspace.

import { getCriterion } from '../catalog/catalog';
import type { Located, MappingRow } from '../model/types';
import { criteriaInText } from './criteriaText';

/** At most this many tables and rows are read from one file; a mapping larger than this is no hand-written table. */
const MAX_ROWS = 5000;

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const LINK = /!?\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const HEADING = /^\s{0,3}#{1,6}\s+(.*)$/;
/** Headers of columns whose plain text names documents (links are read in any column). */
const DOCUMENT_HEADER = /^\s*(?:\*\*)?(?:(?:primary|supporting|related|mapped|implementing|governing|source)\s+)?(?:documents?|docs?|polic(?:y|ies)|procedures?|standards?|plans?|controls?|runbooks?|artifacts?|references?|sources?)\b(?!\s*(?:\(s\)\s*)?(?:\/\s*)?(?:sections?|steps?|clauses?|paragraphs?|parts?|numbers?|no\b|statements?|objectives?|requirements?|text|language|summary|descriptions?|areas?|owners?|status|frameworks?)\b)|^\s*(?:implemented|addressed|covered|satisfied|met)\s+by\b|^\s*mapped\s+to\b/i;
/** Headers of a column of criterion IDs. */
const ID_HEADER = /\b(ids?|criteri(?:on|a)|tsc|requirements?|soc ?2|refs?|references?|trust services|points? of focus|mapping)\b/i;
const MAPPING_WORDS = /\b(mapping|mappings|maps|mapped|tsc|soc ?2|trust services|criteria|criterion)\b/i;
/** A cell naming a framework (the `Framework` column of a table that maps several): SOC 2's own names first. */
const SOC2_FRAMEWORK = /^\s*(?:\*\*)?(?:aicpa\s+)?(?:soc ?2|tsc|trust services(?: criteria)?)(?:\s*(?:type (?:i|ii|1|2)|\(?tsc\)?|trust services(?: criteria)?|criteria|20\d\d|[-–:,]))*(?:\*\*)?\s*$/i;
const OTHER_FRAMEWORK = /^\s*(?:\*\*)?(?:iso(?:\/iec)?\s?\d{4,5}|nist\b|hipaa|hitrust|pci(?:[ -]dss)?|gdpr|ccpa|cpra|cis\b|cobit|csa\b|ccm\b|fedramp|cmmc|dora\b|nis ?2|sox\b|glba|ferpa|iso\b)/i;

interface Cell {
  readonly start: number;
  readonly end: number;
}

/** The cells of a table line, as offsets into the text: split at `|` not escaped and not in a code span. */
function cellsOf(text: string, start: number, end: number): Cell[] {
  const cells: Cell[] = [];
  let cellStart = start;
  let inCode = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++; // backslash escapes the next character
    else if (c === 96) inCode = !inCode;
    else if (c === 124 && !inCode) {
      cells.push({ start: cellStart, end: i });
      cellStart = i + 1;
    }
  }
  cells.push({ start: cellStart, end });
  // A leading and a trailing pipe leave empty outer cells.
  if (cells.length > 1 && isBlank(text, cells[0].start, cells[0].end)) cells.shift();
  if (cells.length > 1 && isBlank(text, cells[cells.length - 1].start, cells[cells.length - 1].end)) cells.pop();
  return cells;
}

/** Whether text[start, end) is only spaces and tabs (a table line holds no line break). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return text.slice(start, end).trim() === '';
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Whether text[start, end) holds a `|`. */
function hasPipe(text: string, start: number, end: number): boolean {
  const p = text.indexOf('|', start);
  return p !== -1 && p < end;
}

function trimmed(text: string, start: number, end: number): Cell {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

/** The line around offset `at`: its start, and its end before any `\r\n`. */
function lineAt(text: string, at: number): { start: number; end: number; next: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let nl = text.indexOf('\n', at);
  if (nl === -1) nl = text.length;
  return { start, end: nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, next: nl + 1 };
}

/** The nearest `#` heading above `lineStart`: its text and where that starts; undefined when none. */
function headingAbove(text: string, lineStart: number, bodyStart: number): Located | undefined {
  let at = text.lastIndexOf('\n#', lineStart - 1);
  // A heading on the body's first line has no line break before it.
  if (at < bodyStart - 1 || at === -1) at = text.charCodeAt(bodyStart) === 35 && bodyStart < lineStart ? bodyStart - 1 : -2;
  if (at === -2) return undefined;
  const end = text.indexOf('\n', at + 1);
  const line = text.slice(at + 1, end === -1 ? text.length : end);
  return headingOf(line, at + 1);
}

/** The heading a line is, when it is one: its text, located in the file (the line starts at `lineStart`). */
function headingOf(line: string, lineStart: number): Located | undefined {
  const h = HEADING.exec(line);
  if (!h) return undefined;
  const start = lineStart + line.length - h[1].length;
  return { value: h[1], span: { start, end: start + h[1].length } };
}

/**
 * A mapping row, with the heading its table sits under: a table that names no document, under a
 * heading that names one (`### Access Control Policy` in a central mapping file), maps that document.
 */
export interface TableRow extends MappingRow {
  readonly heading?: Located;
  /**
   * The table has a column naming each row's framework, SOC 2 in some (`| 3.1 | SOC 2 TSC | CC7.1 |`
   * under `## Standards Compliance`): it is a mapping whatever its heading says.
   */
  readonly framework?: true;
  /**
   * Its names come only from a column headed like the controls themselves (`Control`, `Control ID`,
   * `Control Description`), and it links nothing: in a policy, procedure or control, the table lists
   * the document's own controls (a control matrix), so its criteria are the document's too.
   */
  readonly controlNames?: true;
}

const CONTROL_COLUMN = /^\s*(?:\*\*)?controls?(?:\s+(?:name|title|description|activity|statement|id|ref|#))?(?:\*\*)?\s*$/i;

/**
 * Whether the table at text[start, end) can add nothing to what its document already says: it links
 * nothing, no column of it names documents, and every criterion it mentions is one of `mapped`, the
 * criteria its frontmatter maps. Such a table yields only rows the document drops (splitRows), so it is
 * not read. Criteria are found in the whole table's text: no ID or range spans a `|`, so this finds
 * every criterion any cell names (and maybe more, which only keeps the table).
 */
function addsNothing(text: string, start: number, end: number, header: readonly Cell[], mapped: ReadonlySet<string> | undefined): boolean {
  if (mapped === undefined) return false;
  const link = text.indexOf('](', start);
  if (link !== -1 && link < end) return false;
  for (const h of header) if (DOCUMENT_HEADER.test(text.slice(h.start, h.end))) return false;
  for (const m of criteriaInText(text.slice(start, end))) if (m.kind === 'criterion' && !mapped.has(m.id) && getCriterion(m.id) !== undefined) return false;
  return true;
}

/**
 * The mapping rows of every table in the body that has a column of criterion IDs. With `mapped` (the
 * criteria the frontmatter maps), tables that could only restate those are passed over.
 */
export function mappingRows(text: string, bodyStart: number, mapped?: ReadonlySet<string>): TableRow[] {
  if (text.indexOf('|', bodyStart) === -1) return [];
  // Code fences may show tables that are not the document's: only then is every line walked.
  if (text.indexOf('```', bodyStart) !== -1 || text.indexOf('~~~', bodyStart) !== -1) return mappingRowsByLine(text, bodyStart, mapped);
  const out: TableRow[] = [];
  let table = 0;
  for (let at = text.indexOf('|', bodyStart); at !== -1 && out.length < MAX_ROWS; ) {
    const header = lineAt(text, at);
    if (header.next > text.length) break;
    const delimiter = lineAt(text, header.next);
    const d = text.slice(delimiter.start, delimiter.end);
    if (!DELIMITER.test(d) || !d.includes('-')) {
      at = text.indexOf('|', header.next);
      continue;
    }
    const rowLines: Cell[] = [];
    let next = delimiter.next;
    while (next <= text.length) {
      const row = lineAt(text, next);
      if (!hasPipe(text, row.start, row.end)) break;
      rowLines.push(row);
      next = row.next;
    }
    const headerCells = cellsOf(text, header.start, header.end);
    if (rowLines.length === 0 || addsNothing(text, header.start, rowLines[rowLines.length - 1].end, headerCells, mapped)) {
      at = next > text.length ? -1 : text.indexOf('|', next);
      continue;
    }
    const rows = rowLines.map((row) => cellsOf(text, row.start, row.end));
    const heading = headingAbove(text, header.start, bodyStart);
    const mapping = MAPPING_WORDS.test(heading?.value ?? '') || headerCells.some((c) => MAPPING_WORDS.test(text.slice(c.start, c.end)));
    const found = readTable(text, headerCells, rows, table, mapping, heading);
    if (found.length > 0) {
      out.push(...found);
      table++;
    }
    at = next > text.length ? -1 : text.indexOf('|', next);
  }
  return out;
}

/** mappingRows, walking every line to keep out of code fences. */
function mappingRowsByLine(text: string, bodyStart: number, mapped: ReadonlySet<string> | undefined): TableRow[] {
  const lines: Array<{ start: number; end: number }> = [];
  for (let i = bodyStart; i <= text.length; ) {
    let nl = text.indexOf('\n', i);
    if (nl === -1) nl = text.length;
    const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start: i, end });
    i = nl + 1;
  }
  const out: TableRow[] = [];
  let table = 0;
  let heading: Located | undefined;
  let fence: string | undefined;
  for (let k = 0; k < lines.length && out.length < MAX_ROWS; k++) {
    const line = text.slice(lines[k].start, lines[k].end);
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const h = headingOf(line, lines[k].start);
    if (h) {
      heading = h;
      continue;
    }
    if (!line.includes('|') || k + 1 >= lines.length) continue;
    const delimiter = text.slice(lines[k + 1].start, lines[k + 1].end);
    if (!DELIMITER.test(delimiter) || !delimiter.includes('-')) continue;
    const header = cellsOf(text, lines[k].start, lines[k].end);
    let j = k + 2;
    while (j < lines.length && text.slice(lines[j].start, lines[j].end).includes('|')) j++;
    const first = k;
    k = j - 1;
    if (j === first + 2 || addsNothing(text, lines[first].start, lines[j - 1].end, header, mapped)) continue;
    const rows: Cell[][] = [];
    for (let r = first + 2; r < j; r++) rows.push(cellsOf(text, lines[r].start, lines[r].end));
    const found = readTable(text, header, rows, table, MAPPING_WORDS.test(heading?.value ?? '') || header.some((c) => MAPPING_WORDS.test(text.slice(c.start, c.end))), heading);
    if (found.length > 0) {
      out.push(...found);
      table++;
    }
  }
  return out;
}

/**
 * The rows of another framework, when one column names each row's framework: every non-empty cell of
 * it names one, SOC 2 in some rows (and maybe another, ISO 27001, NIST…, in others). Undefined when
 * no column does; an empty set when every row is SOC 2's.
 */
function otherFrameworkRows(text: string, headers: readonly string[], rows: readonly Cell[][], columns: number): Set<number> | undefined {
  for (let c = 0; c < columns; c++) {
    // Under a `Framework` or `Standard` header, any short name is one (`BSA/AML`, `Card Network Rules`).
    const named = FRAMEWORK_HEADER.test(headers[c] ?? '');
    let soc2 = 0;
    const other = new Set<number>();
    let ok = true;
    for (let r = 0; r < rows.length && ok; r++) {
      const cell = rows[r][c];
      const content = cell ? text.slice(cell.start, cell.end) : '';
      if (content.trim() === '') continue;
      if (SOC2_FRAMEWORK.test(content)) soc2++;
      else if ((named || OTHER_FRAMEWORK.test(content)) && content.trim().length <= 40) other.add(r);
      else ok = false;
    }
    if (ok && soc2 > 0) return other;
  }
  return undefined;
}

/** Headers of a column naming each row's framework. */
const FRAMEWORK_HEADER = /^\s*(?:\*\*)?(?:standards?\s*\/\s*)?(?:frameworks?|standards?|regulations?|regulatory (?:framework|source)s?)(?:\s*\/\s*(?:standards?|regulations?))?(?:\*\*)?\s*$/i;

/** Headers of a column of another framework's requirements (ISO 27001 A.5.10, a clause, a control id). */
const REQUIREMENT_HEADER = /\b(requirement|clause|annex|control|ref(?:erence)?)\b.*\b(ids?|no\.?|number|refs?)\b|^\s*(requirement|clause|annex a|control)s?\s*(ids?)?\s*$/i;

/**
 * A table that maps documents to another framework's requirements (a column headed like requirement
 * IDs, and links to documents): the documents it links are mapped, if not to SOC 2. Rows with no
 * criteria, links only.
 */
function otherFramework(text: string, headers: readonly string[], rows: Cell[][], table: number): MappingRow[] {
  const req = headers.findIndex((h) => REQUIREMENT_HEADER.test(h));
  if (req === -1) return [];
  const out: MappingRow[] = [];
  for (const cells of rows) {
    const requirement = cells[req];
    if (!requirement || text.slice(requirement.start, requirement.end).trim() === '') continue;
    const links: Located[] = [];
    cells.forEach((cell, c) => {
      if (c === req) return;
      const content = text.slice(cell.start, cell.end);
      if (!content.includes('](')) return;
      LINK.lastIndex = 0;
      for (let m = LINK.exec(content); m !== null; m = LINK.exec(content)) {
        const at = m.index + m[0].indexOf(m[2], m[1].length + 2);
        links.push({ value: m[2], span: { start: cell.start + at, end: cell.start + at + m[2].length } });
      }
    });
    if (links.length > 0) out.push({ table, criteria: [], links, names: [], mappingHeading: false });
  }
  return out;
}

const NO_MENTIONS: Located[] = [];
const NO_CELL = { found: NO_MENTIONS, unknown: NO_MENTIONS, ids: 0 };
/** Most cells of a table are prose with no digit next to C, P or A: the scan is skipped for them. */
const MAY_NAME_CRITERION = /(?:CC|PI|A|C|P)\d|(?:CC|PI)[ -]\d/;

/**
 * The catalog criteria a cell names, and how many criterion IDs it holds in all: an ID the catalog
 * does not have (`P1.0`, `CC1.0` on a heading row, `P1.2` of another version) maps nothing, but still
 * shows that the column holds IDs.
 */
function cellMentions(text: string, cell: Cell | undefined): { readonly found: Located[]; readonly unknown: Located[]; readonly ids: number } {
  if (!cell) return NO_CELL;
  const content = text.slice(cell.start, cell.end);
  if (!MAY_NAME_CRITERION.test(content)) return NO_CELL;
  const found: Located[] = [];
  const unknown: Located[] = [];
  let ids = 0;
  for (const m of criteriaInText(content)) {
    if (m.kind !== 'criterion') continue;
    ids++;
    (getCriterion(m.id) !== undefined ? found : unknown).push({ value: m.id, span: { start: cell.start + m.start, end: cell.start + m.end } });
  }
  return ids === 0 ? NO_CELL : { found, unknown, ids };
}

/** The text of a cell without the IDs found in it (`found` and `unknown` of cellMentions; a range's IDs share its span). */
function withoutIds(text: string, cell: Cell, found: readonly Located[], unknown: readonly Located[]): string {
  const spans = [...found, ...unknown].map((m) => m.span).sort((a, b) => a.start - b.start);
  let rest = '';
  let at = cell.start;
  for (const s of spans) {
    if (s.start < at) continue;
    rest += text.slice(at, s.start);
    at = s.end;
  }
  return rest + text.slice(at, cell.end);
}

/** Adds the links of a cell to `links`; returns the cell's text with each link blanked out, for its names. */
function cellLinks(text: string, cell: Cell, links: Located[]): string {
  const content = text.slice(cell.start, cell.end);
  LINK.lastIndex = 0;
  let plain = content;
  for (let m = LINK.exec(content); m !== null; m = LINK.exec(content)) {
    const at = m.index + m[0].indexOf(m[2], m[1].length + 2);
    links.push({ value: m[2], span: { start: cell.start + at, end: cell.start + at + m[2].length } });
    plain = plain.slice(0, m.index) + ' '.repeat(m[0].length) + plain.slice(m.index + m[0].length);
  }
  return plain;
}

/** A cell that marks a criterion in a matrix of documents by criteria (`✓`, `X`, `Yes`, `Primary`). */
const MARK = /^(?:✓|✔|✔️|✅|☑|☑️|x|yes|y|●|•|◉|■|primary|supporting|secondary|partial|full|covered|mapped|p|s)$/i;

/**
 * A matrix with a column per criterion (`| Policy | CC6.1 | CC6.2 |`) and a row per document, a mark
 * where the document meets it: each row maps the documents it links or names to the marked
 * criteria. Undefined when fewer than two headers are a criterion ID (with its title or not).
 */
function readMatrix(text: string, headers: readonly string[], rows: readonly Cell[][], table: number, mappingHeading: boolean, heading: Located | undefined): TableRow[] | undefined {
  const idOf = new Map<number, string>();
  headers.forEach((h, c) => {
    const plain = h.replace(/[*_`]/g, '').trim();
    const found = criteriaInText(plain);
    if (found.length === 1 && found[0].kind === 'criterion' && found[0].start === 0 && plain.length <= 60) idOf.set(c, found[0].id);
  });
  if (idOf.size < 2) return undefined;
  let named = headers.map((h, c) => !idOf.has(c) && DOCUMENT_HEADER.test(h));
  if (!named.some(Boolean)) {
    // No column headed like documents: the first that is not a criterion's names them.
    const first = headers.findIndex((_h, c) => !idOf.has(c));
    named = headers.map((_h, c) => c === first);
  }
  const out: TableRow[] = [];
  for (const cells of rows) {
    const criteria: Located[] = [];
    for (const [c, id] of idOf) {
      const cell = cells[c];
      if (!cell) continue;
      const mark = text.slice(cell.start, cell.end).replace(/[*_`]/g, '').trim();
      if (MARK.test(mark) && !criteria.some((x) => x.value === id)) criteria.push({ value: id, span: { start: cell.start, end: cell.end } });
    }
    if (criteria.length === 0) continue;
    const links: Located[] = [];
    const names: Located[] = [];
    for (let c = 0; c < cells.length; c++) {
      if (idOf.has(c)) continue;
      const cell = cells[c];
      const plain = cellLinks(text, cell, links);
      if (!named[c]) continue;
      const t = trimmed(plain, 0, plain.length);
      const value = plain.slice(t.start, t.end).replace(/[*_`]/g, '').trim();
      if (value.length >= 3 && /[A-Za-z]/.test(value)) names.push({ value, span: { start: cell.start + t.start, end: cell.start + t.end } });
    }
    if (links.length === 0 && names.length === 0) continue;
    const row = { table, criteria, links, names, mappingHeading };
    out.push(heading ? { ...row, heading } : row);
  }
  return out;
}

function readTable(text: string, header: Cell[], rows: Cell[][], table: number, mappingHeading: boolean, heading: Located | undefined): TableRow[] {
  if (rows.length === 0) return [];
  const columns = header.length;
  const headers = header.map((h) => text.slice(h.start, h.end));
  const matrix = readMatrix(text, headers, rows, table, mappingHeading, heading);
  if (matrix) return matrix;
  const headerText = (c: number): string => headers[c] ?? '';
  // Columns headed like IDs are read first; the others only when none is.
  const headed: number[] = [];
  for (let c = 0; c < columns; c++) if (ID_HEADER.test(headers[c])) headed.push(c);
  const candidates = headed.length > 0 ? headed : headers.map((_h, c) => c);
  const mentions: Located[][][] = new Array<Located[][]>(rows.length);
  for (let r = 0; r < rows.length; r++) mentions[r] = new Array<Located[]>(columns);
  // IDs the catalog does not have, per cell: they map nothing, and the row says so (MappingRow.unknown).
  const unknownIds: Located[][][] = new Array<Located[][]>(rows.length);
  for (let r = 0; r < rows.length; r++) unknownIds[r] = new Array<Located[]>(columns);
  // Per column, the rows whose cell names a catalog criterion, and those whose cell is mostly IDs
  // (`CC6.1`, `SOC 2 CC6.1, CC6.2`, `CC7.3 - User provisioning`), not prose mentioning one.
  const idRows = new Array<number>(columns).fill(0);
  const shortRows = new Array<number>(columns).fill(0);
  for (const c of candidates) {
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      const { found, unknown, ids } = cellMentions(text, cells[c]);
      mentions[r][c] = found;
      unknownIds[r][c] = unknown;
      if (ids === 0) continue;
      idRows[c]++;
      // A column headed like IDs needs no proof that its cells are IDs.
      if (headed.length > 0) continue;
      const rest = withoutIds(text, cells[c], found, unknown);
      if (rest.replace(/\b(soc ?2|tsc|aicpa)\b|[\s,;/–—-]/gi, '').length <= 24) shortRows[c]++;
    }
  }
  // A table that maps several frameworks (a `Framework` column of SOC 2, ISO 27001, NIST…): its
  // criteria column is judged on SOC 2's rows, and the other frameworks' rows map nothing.
  const others = otherFrameworkRows(text, headers, rows, columns);
  const population = others ? rows.length - others.size : rows.length;
  const framework = others ? { framework: true as const } : {};
  const idColumns = new Set<number>();
  for (const c of candidates) {
    const n = idRows[c];
    if (n === 0 || n * 2 < population) continue;
    // In a table of frameworks, a cell on each SOC 2 row naming criteria is the criteria column, even
    // with their titles beside them (`| SOC 2 TSC | CC1.4 (Commitment to competence) |`).
    if (ID_HEADER.test(headerText(c)) || (shortRows[c] >= 2 && shortRows[c] * 2 >= n) || (others !== undefined && n === population)) idColumns.add(c);
  }
  if (idColumns.size === columns) return [];
  if (idColumns.size === 0) return otherFramework(text, headers, rows, table);
  const out: TableRow[] = [];
  const named = headers.map((h) => DOCUMENT_HEADER.test(h));
  const controlNames = named.some(Boolean) && headers.every((h, c) => !named[c] || CONTROL_COLUMN.test(h)) ? { controlNames: true as const } : {};
  // The next `](` at or after the cell being read: cells are read in text order, so one search serves many.
  let link = -2;
  const hasLink = (start: number, end: number): boolean => {
    if (link !== -1 && link < start) link = text.indexOf('](', start);
    return link !== -1 && link < end - 1;
  };
  for (let r = 0; r < rows.length; r++) {
    if (others?.has(r)) continue;
    const cells = rows[r];
    const criteria: Located[] = [];
    for (const c of idColumns) for (const m of mentions[r][c] ?? NO_MENTIONS) if (!criteria.some((x) => x.value === m.value)) criteria.push(m);
    // Only the ID columns' unknown IDs: a prose column naming `P1.0` says nothing of the row.
    const unknown: Located[] = [];
    for (const c of idColumns) for (const m of unknownIds[r][c] ?? NO_MENTIONS) if (!unknown.some((x) => x.value === m.value)) unknown.push(m);
    if (criteria.length === 0 && unknown.length === 0) continue;
    const links: Located[] = [];
    const names: Located[] = [];
    for (let c = 0; c < columns && c < cells.length; c++) {
      if (idColumns.has(c)) continue;
      const cell = cells[c];
      if (!named[c] && !hasLink(cell.start, cell.end)) continue;
      const plain = cellLinks(text, cell, links);
      // What is left, item by item.
      if (!named[c]) continue;
      const separator = /;|,|<br\s*\/?>/gi;
      let from = 0;
      for (let sep = separator.exec(plain); ; sep = separator.exec(plain)) {
        const to = sep === null ? plain.length : sep.index;
        const t = trimmed(plain, from, to);
        const value = plain.slice(t.start, t.end).replace(/[*_`]/g, '').trim();
        // A name has a letter: `3.1` in a `Policy` column is a section, `1-6` a range of steps.
        if (value.length >= 3 && /[A-Za-z]/.test(value)) names.push({ value, span: { start: cell.start + t.start, end: cell.start + t.end } });
        if (sep === null) break;
        from = sep.index + sep[0].length;
      }
    }
    const row = unknown.length > 0 ? { table, criteria, links, names, mappingHeading, unknown, ...framework, ...(links.length === 0 ? controlNames : {}) } : { table, criteria, links, names, mappingHeading, ...framework, ...(links.length === 0 ? controlNames : {}) };
    out.push(heading ? { ...row, heading } : row);
  }
  return out;
}
