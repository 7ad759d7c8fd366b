// Finds the frontmatter block of a markdown file without parsing the body.
//
// Native: a first line `---`, YAML, then a `---` (or `...`) line, as remark-frontmatter reads it.
// comply: no opening line; the file starts with `key: value` and the YAML runs to the first `---` line.
// Whether a comply-style block really is frontmatter is decided after the YAML parses (see document.ts).

import type { Span } from '../model/types';

export type FrontmatterBlock =
  | {
      readonly kind: 'native';
      /** The opening `---` line (without the line break). */
      readonly open: Span;
      readonly yaml: Span;
      /** The closing line; undefined when the block is never closed. */
      readonly close: Span | undefined;
      readonly bodyStart: number;
    }
  | {
      readonly kind: 'comply';
      readonly yaml: Span;
      readonly close: Span;
      readonly bodyStart: number;
    }
  | { readonly kind: 'none'; readonly bodyStart: number };

/** End of the line starting at `i`: the offset of its `\n`, `\r\n` or the end of the text. */
function lineEndAt(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  const end = nl === -1 ? text.length : nl;
  return end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLineStart(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl + 1;
}

function isFence(text: string, start: number, end: number, allowDots: boolean): boolean {
  // `---` or `...` followed only by spaces/tabs.
  if (end - start < 3) return false;
  const c = text.charCodeAt(start);
  if (!(c === 45 || (allowDots && c === 46))) return false;
  if (text.charCodeAt(start + 1) !== c || text.charCodeAt(start + 2) !== c) return false;
  for (let i = start + 3; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d !== 32 && d !== 9) return false;
  }
  return true;
}

const MAX_COMPLY_LINES = 400;
export const COMPLY_FIRST_LINE = /^[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:(?:[ \t]|$)/;

export function findFrontmatter(text: string): FrontmatterBlock {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEndAt(text, bom);
  if (isFence(text, bom, firstEnd, false) && text.slice(bom, firstEnd).trimEnd() === '---') {
    const yamlStart = nextLineStart(text, bom);
    let i = yamlStart;
    while (i < text.length) {
      const end = lineEndAt(text, i);
      if (isFence(text, i, end, true)) {
        return { kind: 'native', open: { start: bom, end: firstEnd }, yaml: { start: yamlStart, end: i }, close: { start: i, end }, bodyStart: nextLineStart(text, end) };
      }
      i = nextLineStart(text, end);
    }
    return { kind: 'native', open: { start: bom, end: firstEnd }, yaml: { start: yamlStart, end: text.length }, close: undefined, bodyStart: text.length };
  }
  if (COMPLY_FIRST_LINE.test(text.slice(bom, firstEnd))) {
    // Bounded: real frontmatter is short, and prose that merely starts with "Note: ..." must not cost a scan.
    let i = bom;
    for (let lines = 0; i < text.length && lines < MAX_COMPLY_LINES; lines++) {
      const end = lineEndAt(text, i);
      if (end - i >= 3 && text.charCodeAt(i) === 45 && isFence(text, i, end, false)) {
        return { kind: 'comply', yaml: { start: bom, end: i }, close: { start: i, end }, bodyStart: nextLineStart(text, end) };
      }
      i = nextLineStart(text, end);
    }
  }
  return { kind: 'none', bodyStart: bom };
}
