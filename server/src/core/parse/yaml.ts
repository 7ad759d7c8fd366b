// Small helpers over the `yaml` package's AST: spans offset into the file, scalar text, error text.

import { isAlias, isMap as isYamlMap, isScalar as isYamlScalar, isSeq as isYamlSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RawFinding, Span } from '../model/types';

export type YamlNode = Node | null | undefined;

export interface ParsedYaml {
  /** The `yaml` document; undefined when the fast reader read the text or nothing could be read. */
  readonly doc: Document.Parsed | undefined;
  /** The top-level node (null for an empty document). */
  readonly contents: YamlNode;
  readonly errors: readonly { readonly span: Span; readonly message: string }[];
}

/** Frontmatter larger than this is not parsed: it is not frontmatter any more. */
export const MAX_YAML_LENGTH = 256 * 1024;

/**
 * Parses YAML at `base` in the file. Anchors may be defined but aliases are never expanded by our
 * readers, so an alias bomb costs nothing; pathological nesting that overflows the parser is caught.
 * With `fast`, simple text is read by the fast reader below, which yields the same nodes.
 */
export function parseYaml(source: string, base: number, options: { fast?: boolean } = {}): ParsedYaml {
  const deep = source.length <= MAX_YAML_LENGTH ? tooDeepAt(source) : -1;
  if (deep >= 0) {
    return { doc: undefined, contents: undefined, errors: [{ span: { start: base + deep, end: base + deep + 1 }, message: 'it is nested too deeply to read' }] };
  }
  if (options.fast && source.length <= MAX_YAML_LENGTH) {
    const contents = readSimpleYaml(source);
    if (contents !== undefined) return { doc: undefined, contents, errors: [] };
  }
  if (source.length > MAX_YAML_LENGTH) {
    return { doc: undefined, contents: undefined, errors: [{ span: { start: base, end: base + 3 }, message: `the YAML block is ${Math.round(source.length / 1024)} KB; frontmatter over ${MAX_YAML_LENGTH / 1024} KB is not read` }] };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    const msg = e instanceof RangeError ? 'the YAML is nested too deeply to read' : `the YAML could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { doc: undefined, contents: undefined, errors: [{ span: { start: base, end: base + Math.min(3, source.length) }, message: msg }] };
  }
  // An error at the very end (an unclosed quote) is one character wide but must stay inside the text.
  const at = (offset: number): number => base + Math.max(0, Math.min(offset, source.length));
  const errors = doc.errors.map((e) => ({
    span: { start: at(e.pos[0]), end: at(Math.max(e.pos[1], e.pos[0] + 1)) },
    message: shortYamlMessage(e.message),
  }));
  return { doc, contents: doc.contents as YamlNode, errors };
}

/**
 * Nesting no frontmatter or config needs. `yaml` parses recursively: thousands of levels overflow its
 * stack, and near that limit V8 can abort the whole process while compiling a regular expression,
 * which no catch survives. So such text never reaches it.
 */
export const MAX_FLOW_DEPTH = 64;
export const MAX_LINE_INDENT = 256;

/** Offset where the text nests deeper than the limits (flow brackets, or a line's leading spaces and `-`/`?` markers), or -1. */
export function tooDeepAt(source: string): number {
  let depth = 0;
  let run = 0;
  let lineStart = true;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      run = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9 || c === 45 || c === 63) {
        if (++run > MAX_LINE_INDENT) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

export function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0];
  // yaml records a stack overflow on deep nesting as an error of the document.
  if (/maximum call stack/i.test(first)) return 'it is nested too deeply to read';
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
    while (end > base + r[0] && isSpace(text.charCodeAt(end - 1))) end--;
  }
  return { start: base + r[0], end };
}

/** What `/\s/` matches, without a regular expression for ASCII (every key and value is trimmed). */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
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

export function isMap(node: unknown): node is YAMLMap {
  return node instanceof FastMap || isYamlMap(node);
}

export function isSeq(node: unknown): node is YAMLSeq {
  return node instanceof FastSeq || isYamlSeq(node);
}

export function isScalar(node: unknown): node is Scalar {
  return node instanceof FastScalar || isYamlScalar(node);
}

export { isAlias };
export type { Node, Pair, YAMLMap, YAMLSeq };

export function finding(code: string, span: Span, message: string, extra?: Partial<RawFinding>): RawFinding {
  return { code, span, message, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Fast path. Frontmatter is nearly always a block mapping of one-line values, flow lists and block
// lists of values or small mappings. This reader builds the same nodes `yaml` would (values, types,
// ranges, flow) for exactly that shape, and gives up (undefined) on anything else: comments, tabs,
// CRLF, anchors, tags, block scalars, escapes, multi-line scalars, duplicate keys, or a plain scalar
// that the core schema would read as a number, boolean or null. `yaml` then reads the text.

const UNSURE = Symbol('unsure');

/** Plain scalars the core schema resolves to something other than a string (null, bool, int, float). */
const NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

const SPACE = 32;
const NL = 10;
const DASH = 45;
const COLON = 58;
const HASH = 35;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const DQUOTE = 34;
const SQUOTE = 39;

/** Characters that may not start a plain scalar here (indicators, and anything that needs care). */
function isIndicator(c: number): boolean {
  // - ? : , [ ] { } # & * ! | > ' " % @ `
  return c === 45 || c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}

/** Printable and free of anything that changes how a line reads (no tabs, controls, BOM, surrogates). */
function isPlainChar(c: number): boolean {
  return (c >= 32 && c < 127) || (c >= 0xa0 && c < 0xd800) || (c >= 0xe000 && c < 0xfeff) || (c > 0xfeff && c < 0xfffe);
}

function isKeyChar(c: number, first: boolean): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return true;
  return !first && (c === 45 || c === 46 || c === 47);
}

function resolvesToString(value: string): boolean {
  const c = value.charCodeAt(0);
  // Only these can start a null, boolean or number.
  if (!(value.length === 0 || c === 126 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57) || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return true;
  for (const re of NON_STRING) if (re.test(value)) return false;
  return true;
}

type Range = [number, number, number];

/**
 * What the fast reader builds: the fields of `yaml`'s nodes that our readers use (value, source, type,
 * range, flow, items, key), with the same values. Plain classes: `yaml`'s constructors cost more than
 * the reading itself.
 */
class FastScalar {
  constructor(
    readonly value: string | null,
    readonly range: Range,
    readonly source: string,
    readonly type: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE',
  ) {}
}

class FastPair {
  constructor(
    readonly key: FastScalar,
    readonly value: FastNode,
  ) {}
}

class FastMap {
  readonly items: FastPair[] = [];
  range: Range = [0, 0, 0];
}

class FastSeq {
  readonly items: FastNode[] = [];
  flow?: boolean;
  range: Range = [0, 0, 0];
}

type FastNode = FastScalar | FastMap | FastSeq;

function plainScalar(value: string, start: number, end: number, nodeEnd: number): FastScalar {
  return new FastScalar(value, [start, end, nodeEnd], value, 'PLAIN');
}

class FastReader {
  constructor(private readonly s: string) {}

  private lineEnd(p: number): number {
    const nl = this.s.indexOf('\n', p);
    return nl === -1 ? this.s.length : nl;
  }

  /** End of a node that ends its line: past the line break. */
  private afterLine(e: number): number {
    return e < this.s.length ? e + 1 : e;
  }

  private indentAt(p: number): number {
    let i = p;
    while (this.s.charCodeAt(i) === SPACE) i++;
    return i - p;
  }

  /** Start of the next line with content at or after the line starting at `p` (blank lines skipped); the text length at the end. */
  private contentLine(p: number): number {
    const s = this.s;
    while (p < s.length) {
      const ind = this.indentAt(p);
      const c = s.charCodeAt(p + ind);
      if (p + ind >= s.length || c === NL) {
        p = p + ind + 1;
        continue;
      }
      if (c === HASH) throw UNSURE;
      return p;
    }
    return s.length;
  }

  read(): FastMap {
    const s = this.s;
    if (s.indexOf('\t') !== -1 || s.indexOf('\r') !== -1) throw UNSURE;
    const p = this.contentLine(0);
    if (p >= s.length || this.indentAt(p) !== 0) throw UNSURE;
    const r = this.map(0, p, p, false);
    if (r.next < s.length) throw UNSURE;
    return r.node;
  }

  /** Length of a `key:` at `k` (the key, not the colon), or -1 when the line does not start an entry there. */
  private keyAt(k: number): number {
    const s = this.s;
    if (!isKeyChar(s.charCodeAt(k), true)) return -1;
    let i = k + 1;
    while (isKeyChar(s.charCodeAt(i), false)) i++;
    if (s.charCodeAt(i) !== COLON) return -1;
    const after = s.charCodeAt(i + 1);
    if (!(i + 1 >= s.length || after === SPACE || after === NL)) return -1;
    return i - k;
  }

  /**
   * A block mapping whose keys sit at column `col`; the first key at `k` (mid-line in a list item).
   * Returns the mapping and the start of the first line after it.
   */
  private map(col: number, lineStart: number, k: number, inItem: boolean): { node: FastMap; next: number } {
    const s = this.s;
    const node = new FastMap();
    const keys = new Set<string>();
    const start = k;
    let end = k;
    let p = lineStart;
    for (;;) {
      const len = this.keyAt(k);
      if (len < 0 || len > 256) throw UNSURE;
      const keyText = s.slice(k, k + len);
      if (keys.has(keyText) || !resolvesToString(keyText)) throw UNSURE;
      keys.add(keyText);
      const key = plainScalar(keyText, k, k + len, k + len);
      const e = this.lineEnd(k);
      let v = k + len + 1;
      while (v < e && s.charCodeAt(v) === SPACE) v++;
      let value: FastNode;
      let next: number;
      if (v < e) {
        const r = this.inline(v, e);
        value = r;
        end = r.range[2];
        next = this.contentLine(end);
        if (next < s.length && this.indentAt(next) > col) throw UNSURE;
      } else {
        const n = this.contentLine(this.afterLine(e));
        const ind = n < s.length ? this.indentAt(n) : -1;
        const dash = ind >= 0 && this.isItem(n + ind);
        if (ind > col || (ind === col && dash)) {
          if (ind === col && inItem) throw UNSURE;
          const r = dash ? this.seq(ind, n) : this.map(ind, n, n + ind, false);
          value = r.node;
          end = r.node.range[2];
          next = r.next;
        } else {
          value = new FastScalar(null, [e, e, e], '', 'PLAIN');
          end = e;
          next = n;
        }
      }
      node.items.push(new FastPair(key, value));
      if (next >= s.length) {
        p = next;
        break;
      }
      const ind = this.indentAt(next);
      if (ind < col) {
        p = next;
        break;
      }
      if (ind > col || this.isItem(next + ind)) throw UNSURE;
      p = next;
      k = next + ind;
    }
    node.range = [start, end, end];
    return { node, next: p };
  }

  private isItem(i: number): boolean {
    if (this.s.charCodeAt(i) !== DASH) return false;
    const c = this.s.charCodeAt(i + 1);
    return i + 1 >= this.s.length || c === SPACE || c === NL;
  }

  /** A block sequence whose dashes sit at column `col`, starting on the line at `p`. */
  private seq(col: number, p: number): { node: FastSeq; next: number } {
    const s = this.s;
    const node = new FastSeq();
    const start = p + col;
    let end = start;
    for (;;) {
      const d = p + col;
      const e = this.lineEnd(d);
      let v = d + 1;
      while (v < e && s.charCodeAt(v) === SPACE) v++;
      if (v >= e || v === d + 1) throw UNSURE;
      let next: number;
      if (this.keyAt(v) > 0) {
        const r = this.map(v - p, p, v, true);
        node.items.push(r.node);
        end = r.node.range[2];
        next = r.next;
      } else {
        const r = this.inline(v, e);
        node.items.push(r);
        end = r.range[2];
        next = this.contentLine(end);
      }
      if (next >= s.length) {
        p = next;
        break;
      }
      const ind = this.indentAt(next);
      if (ind > col) throw UNSURE;
      if (ind < col || !this.isItem(next + ind)) {
        p = next;
        break;
      }
      p = next;
    }
    node.range = [start, end, end];
    return { node, next: p };
  }

  /** A value that starts at `v` and ends its line at `e`. */
  private inline(v: number, e: number): FastScalar | FastSeq {
    const s = this.s;
    const c = s.charCodeAt(v);
    if (c === LBRACKET) return this.flowSeq(v, e);
    if (c === DQUOTE || c === SQUOTE) {
      const close = s.indexOf(c === DQUOTE ? '"' : "'", v + 1);
      if (close === -1 || close >= e) throw UNSURE;
      for (let i = v + 1; i < close; i++) {
        const d = s.charCodeAt(i);
        if (!isPlainChar(d) || d === 92) throw UNSURE;
      }
      if (s.charCodeAt(close + 1) === c) throw UNSURE;
      for (let i = close + 1; i < e; i++) if (s.charCodeAt(i) !== SPACE) throw UNSURE;
      const value = s.slice(v + 1, close);
      return new FastScalar(value, [v, close + 1, this.afterLine(e)], value, c === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
    }
    if (isIndicator(c)) throw UNSURE;
    let end = e;
    while (end > v && s.charCodeAt(end - 1) === SPACE) end--;
    for (let i = v; i < end; i++) {
      const d = s.charCodeAt(i);
      if (!isPlainChar(d)) throw UNSURE;
      if (d === COLON && (i + 1 === end || s.charCodeAt(i + 1) === SPACE)) throw UNSURE;
      if (d === HASH && s.charCodeAt(i - 1) === SPACE) throw UNSURE;
    }
    const value = s.slice(v, end);
    if (!resolvesToString(value)) throw UNSURE;
    return plainScalar(value, v, end, this.afterLine(e));
  }

  /** `[a, b]` on one line, of plain items. */
  private flowSeq(v: number, e: number): FastSeq {
    const s = this.s;
    const node = new FastSeq();
    node.flow = true;
    let i = v + 1;
    for (;;) {
      while (i < e && s.charCodeAt(i) === SPACE) i++;
      if (i >= e) throw UNSURE;
      if (s.charCodeAt(i) === RBRACKET) {
        if (node.items.length > 0) throw UNSURE;
        break;
      }
      const start = i;
      if (isIndicator(s.charCodeAt(i))) throw UNSURE;
      while (i < e) {
        const d = s.charCodeAt(i);
        if (d === COMMA || d === RBRACKET) break;
        if (!isPlainChar(d) || d === COLON || d === HASH || d === LBRACKET || d === 123 || d === 125 || d === DQUOTE || d === SQUOTE) throw UNSURE;
        i++;
      }
      if (i >= e) throw UNSURE;
      let end = i;
      while (s.charCodeAt(end - 1) === SPACE) end--;
      const value = s.slice(start, end);
      if (!resolvesToString(value)) throw UNSURE;
      node.items.push(plainScalar(value, start, end, i));
      if (s.charCodeAt(i) === RBRACKET) break;
      i++;
    }
    const close = i;
    for (let j = close + 1; j < e; j++) if (s.charCodeAt(j) !== SPACE) throw UNSURE;
    node.range = [v, close + 1, this.afterLine(e)];
    return node;
  }
}

/** The frontmatter's top-level node when the fast reader is sure; undefined to use `yaml`. */
export function readSimpleYaml(source: string): YamlNode | undefined {
  try {
    // The fast nodes carry every field our readers use; see FastScalar.
    return new FastReader(source).read() as unknown as Node;
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}
