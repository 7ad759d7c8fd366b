// Small helpers over the `yaml` package's AST: spans offset into the file, scalar text, error text.

import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RawFinding, Span } from '../model/types';

export type YamlNode = Node | null | undefined;

export interface ParsedYaml {
  readonly doc: Document.Parsed | undefined;
  readonly errors: readonly { readonly span: Span; readonly message: string }[];
}

/** Frontmatter larger than this is not parsed: it is not frontmatter any more. */
export const MAX_YAML_LENGTH = 256 * 1024;

/**
 * Parses YAML at `base` in the file. Anchors may be defined but aliases are never expanded by our
 * readers, so an alias bomb costs nothing; pathological nesting that overflows the parser is caught.
 */
export function parseYaml(source: string, base: number): ParsedYaml {
  if (source.length > MAX_YAML_LENGTH) {
    return { doc: undefined, errors: [{ span: { start: base, end: base + 3 }, message: `the YAML block is ${Math.round(source.length / 1024)} KB; frontmatter over ${MAX_YAML_LENGTH / 1024} KB is not read` }] };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    const msg = e instanceof RangeError ? 'the YAML is nested too deeply to read' : `the YAML could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { doc: undefined, errors: [{ span: { start: base, end: base + Math.min(3, source.length) }, message: msg }] };
  }
  const errors = doc.errors.map((e) => ({
    span: { start: base + e.pos[0], end: base + Math.max(e.pos[1], e.pos[0] + 1) },
    message: shortYamlMessage(e.message),
  }));
  return { doc, errors };
}

export function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0];
  const cut = first.search(/ at line \d+, column \d+/);
  const text = (cut >= 0 ? first.slice(0, cut) : first).replace(/:$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A node's span in the file; with `text`, trailing blanks and line breaks (block collections) are trimmed. */
export function spanOf(node: Node, base: number, text?: string): Span {
  const r = node.range;
  if (!r) return { start: base, end: base };
  let end = base + r[1];
  if (text !== undefined) {
    while (end > base + r[0] && /\s/.test(text.charAt(end - 1))) end--;
  }
  return { start: base + r[0], end };
}

/** The span of a pair's value, or an empty span right after the key when there is none. */
export function valueSpanOf(pair: Pair, base: number, text?: string): Span {
  const v = pair.value as YamlNode;
  if (v && v.range && !(isScalar(v) && v.value === null && v.range[0] === v.range[1])) return spanOf(v, base, text);
  const k = pair.key as YamlNode;
  const end = k?.range ? base + k.range[1] : base;
  return { start: end, end };
}

export function isNullNode(node: YamlNode): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** Text of a scalar as written (numbers and booleans as their source), or undefined for non-scalars. */
export function scalarText(node: YamlNode): string | undefined {
  if (!node || !isScalar(node) || node.value === null) return undefined;
  const s = node as Scalar;
  if (typeof s.value === 'string') return s.value;
  if (s.source !== undefined && s.type === 'PLAIN') return String(s.source);
  return String(s.value);
}

export function keyText(pair: Pair): string | undefined {
  const k = pair.key as YamlNode;
  return k && isScalar(k) && k.value !== null ? String(k.value) : undefined;
}

export function describeNode(node: YamlNode): string {
  if (isNullNode(node)) return 'empty';
  if (isAlias(node)) return 'an alias';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return 'a single value';
}

export { isAlias, isMap, isScalar, isSeq };
export type { Node, Pair, YAMLMap, YAMLSeq };

export function finding(code: string, span: Span, message: string, extra?: Partial<RawFinding>): RawFinding {
  return { code, span, message, ...extra };
}
