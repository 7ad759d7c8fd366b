// What a document id may hold. Ids are printed into reports (Markdown links, HTML, CSV, terminal
// lines) and written into new frontmatter and file names, so anything that is markup there is out.

/** Letters, digits and `-` `_` `.` `/`, with single spaces inside: AC-01, POL-ACCESS, CC6.1-Review. */
const ID_SHAPE = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}_./-]| (?! ))*$/u;

/** Why `id` cannot be an id, in words ("has `]`"), or undefined when it can. */
export function idShapeProblem(id: string): string | undefined {
  if (ID_SHAPE.test(id)) return undefined;
  if (/^[^\p{L}\p{N}]/u.test(id)) return `starts with ${describeChar(id.codePointAt(0) ?? 0)}`;
  if (/ {2}/.test(id)) return 'has two spaces in a row';
  for (const ch of id) {
    if (!/[\p{L}\p{N}\p{M}_./ -]/u.test(ch)) return `has ${describeChar(ch.codePointAt(0) ?? 0)}`;
  }
  return 'is not an id';
}

function describeChar(code: number): string {
  if (code === 0x0a) return 'a line break';
  if (code === 0x0d) return 'a carriage return';
  if (code === 0x09) return 'a tab';
  if (code === 0x20) return 'a space';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
    return `the invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `\`${String.fromCodePoint(code)}\``;
}
