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
const DOCUMENT_HEADER = /\b(documents?|docs?|polic(?:y|ies)|procedures?|standards?|plans?|controls?|runbooks?|artifacts?|implemented|addressed|covered|mapped|references?|sources?|owners? documents?)\b/i;
/** Headers of a column of criterion IDs. */
const ID_HEADER = /\b(ids?|criteri(?:on|a)|tsc|requirements?|soc ?2|refs?|references?|trust services|points? of focus|mapping)\b/i;
const MAPPING_WORDS = /\b(mapping|mappings|maps|mapped|tsc|soc ?2|trust services|criteria|criterion)\b/i;

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
  if (cells.length > 1 && text.slice(cells[0].start, cells[0].end).trim() === '') cells.shift();
  if (cells.length > 1 && text.slice(cells[cells.length - 1].start, cells[cells.length - 1].end).trim() === '') cells.pop();
  return cells;
}

function trimmed(text: string, start: number, end: number): Cell {
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  return { start, end };
}

/** The mapping rows of every table in the body that has a column of criterion IDs. */
export function mappingRows(text: string, bodyStart: number): MappingRow[] {
  // Cheap refusal: no table, or no criterion-looking text at all.
  if (text.indexOf('|', bodyStart) === -1 || !/(?:CC|PI|A|C|P)\d/.test(text.slice(bodyStart))) return [];
  const lines: Array<{ start: number; end: number }> = [];
  for (let i = bodyStart; i <= text.length; ) {
    let nl = text.indexOf('\n', i);
    if (nl === -1) nl = text.length;
    const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start: i, end });
    i = nl + 1;
  }
  const out: MappingRow[] = [];
  let table = 0;
  let heading = '';
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
    const h = HEADING.exec(line);
    if (h) {
      heading = h[1];
      continue;
    }
    if (!line.includes('|') || k + 1 >= lines.length) continue;
    const delimiter = text.slice(lines[k + 1].start, lines[k + 1].end);
    if (!DELIMITER.test(delimiter) || !delimiter.includes('-')) continue;
    const header = cellsOf(text, lines[k].start, lines[k].end);
    const rows: Cell[][] = [];
    let j = k + 2;
    for (; j < lines.length && text.slice(lines[j].start, lines[j].end).includes('|'); j++) rows.push(cellsOf(text, lines[j].start, lines[j].end));
    k = j - 1;
    const found = readTable(text, header, rows, table, MAPPING_WORDS.test(heading) || header.some((c) => MAPPING_WORDS.test(text.slice(c.start, c.end))));
    if (found.length > 0) {
      out.push(...found);
      table++;
    }
  }
  return out;
}

function readTable(text: string, header: Cell[], rows: Cell[][], table: number, mappingHeading: boolean): MappingRow[] {
  if (rows.length === 0) return [];
  const columns = header.length;
  // Per column, the rows whose cell names a catalog criterion.
  const idRows = new Array<number>(columns).fill(0);
  const mentions = rows.map((cells) =>
    cells.slice(0, columns).map((cell) =>
      criteriaInText(text.slice(cell.start, cell.end)).filter((m) => m.kind === 'criterion' && getCriterion(m.id) !== undefined).map((m) => ({ value: m.id, span: { start: cell.start + m.start, end: cell.start + m.end } })),
    ),
  );
  // Cells that are mostly IDs (`CC6.1`, `SOC 2 CC6.1, CC6.2`, `CC7.3 - User provisioning`), not prose mentioning one.
  const shortRows = new Array<number>(columns).fill(0);
  mentions.forEach((cells, r) =>
    cells.forEach((m, c) => {
      if (m.length === 0) return;
      idRows[c]++;
      const cell = rows[r][c];
      let rest = text.slice(cell.start, cell.end);
      for (const x of m) rest = rest.replace(text.slice(x.span.start, x.span.end), '');
      if (rest.replace(/\b(soc ?2|tsc|aicpa)\b|[\s,;/–—-]/gi, '').length <= 24) shortRows[c]++;
    }),
  );
  const headerText = (c: number): string => (header[c] ? text.slice(header[c].start, header[c].end) : '');
  const idColumns = new Set<number>();
  idRows.forEach((n, c) => {
    if (n === 0 || n * 2 < rows.length) return;
    if (ID_HEADER.test(headerText(c)) || (shortRows[c] >= 2 && shortRows[c] * 2 >= n)) idColumns.add(c);
  });
  if (idColumns.size === 0 || idColumns.size === columns) return [];
  const out: MappingRow[] = [];
  rows.forEach((cells, r) => {
    const criteria: Located[] = [];
    for (const c of idColumns) for (const m of mentions[r][c] ?? []) if (!criteria.some((x) => x.value === m.value)) criteria.push(m);
    if (criteria.length === 0) return;
    const links: Located[] = [];
    const names: Located[] = [];
    cells.slice(0, columns).forEach((cell, c) => {
      if (idColumns.has(c)) return;
      const content = text.slice(cell.start, cell.end);
      LINK.lastIndex = 0;
      let plain = content;
      for (let m = LINK.exec(content); m !== null; m = LINK.exec(content)) {
        const at = m.index + m[0].indexOf(m[2], m[1].length + 2);
        links.push({ value: m[2], span: { start: cell.start + at, end: cell.start + at + m[2].length } });
        plain = plain.slice(0, m.index) + ' '.repeat(m[0].length) + plain.slice(m.index + m[0].length);
      }
      // What is left, item by item.
      if (!DOCUMENT_HEADER.test(headerText(c))) return;
      const separator = /;|,|<br\s*\/?>/gi;
      let from = 0;
      for (let sep = separator.exec(plain); ; sep = separator.exec(plain)) {
        const to = sep === null ? plain.length : sep.index;
        const t = trimmed(plain, from, to);
        const value = plain.slice(t.start, t.end).replace(/[*_`]/g, '').trim();
        if (value.length >= 3) names.push({ value, span: { start: cell.start + t.start, end: cell.start + t.end } });
        if (sep === null) break;
        from = sep.index + sep[0].length;
      }
    });
    out.push({ table, criteria, links, names, mappingHeading });
  });
  return out;
}
