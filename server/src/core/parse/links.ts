// Markdown links of a document body: inline links, images and reference definitions, with where each
// destination is written. Two implementations that must agree: `remarkLinks` (the reference, a full
// CommonMark parse) and `scanLinks` (a single pass that understands the block and inline structure
// of ordinary documents and gives up, returning undefined, wherever it cannot be sure).

import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Span } from '../model/types';

export interface MarkdownLink {
  readonly kind: 'link' | 'image' | 'definition';
  /** The destination after CommonMark processing: angle brackets removed, backslash escapes and entity/numeric character references decoded — exactly remark's `url` (mdast). */
  readonly destination: string;
  /** Where the destination is written in the source: the raw characters between the brackets/after the colon, excluding `<` `>`; for an empty destination `[a]()`, an empty span at that position. */
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Reference path

interface TreeNode {
  type: string;
  url?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: TreeNode[];
}
interface CompileToken {
  start: { offset: number };
  end: { offset: number };
}
interface CompileContext {
  stack: TreeNode[];
}

/** Where the destination of each link, image and definition node parsed is written. */
const destinationSpans = new WeakMap<TreeNode, Span>();

/**
 * A remark plugin that records where each destination is written: the parser's tokens know it
 * exactly, the finished tree only has the decoded `url`.
 */
function recordDestinations(this: Processor): void {
  const top = (context: CompileContext) => context.stack[context.stack.length - 1];
  const raw = function (this: CompileContext, token: CompileToken) {
    destinationSpans.set(top(this), { start: token.start.offset, end: token.end.offset });
  };
  const literal = function (this: CompileContext, token: CompileToken) {
    destinationSpans.set(top(this), { start: token.start.offset + 1, end: token.end.offset - 1 });
  };
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  (data.fromMarkdownExtensions ??= []).push({
    // `(`: an empty destination is an empty span right after it; a destination that follows replaces it.
    enter: {
      resource(this: CompileContext, token: CompileToken) {
        destinationSpans.set(top(this), { start: token.start.offset + 1, end: token.start.offset + 1 });
      },
    },
    exit: {
      resourceDestinationRaw: raw,
      resourceDestinationLiteral: literal,
      definitionDestinationRaw: raw,
      definitionDestinationLiteral: literal,
    },
  });
}

let parser: Processor | undefined;

/** Reference path: a full CommonMark parse of the whole text; links, images and definitions that start at or after `from`, in document order. */
export function remarkLinks(text: string, from: number): MarkdownLink[] {
  parser ??= unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(recordDestinations).freeze() as unknown as Processor;
  const tree = parser.parse(text) as unknown as TreeNode;
  // The parser drops a byte order mark and counts offsets from the character after it.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const out: MarkdownLink[] = [];
  const visit = (node: TreeNode): void => {
    const kind = node.type;
    if (kind === 'link' || kind === 'image' || kind === 'definition') {
      const start = (node.position?.start.offset ?? -Infinity) + shift;
      const span = destinationSpans.get(node);
      // Autolinks (`<https://…>`) are link nodes too, without a destination token.
      if (start >= from && span && text.charCodeAt(start) !== 0x3c) {
        out.push({ kind, destination: node.url ?? '', span: { start: span.start + shift, end: span.end + shift } });
      }
    }
    if (node.children) for (const child of node.children) visit(child);
  };
  visit(tree);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fast path
//
// Follows the CommonMark parser remark uses (micromark) construct by construct, including its
// quirks (when a list item may interrupt a paragraph, lazy lines, which label a `]` closes), for the
// markdown that policy documents are written in. Whatever lies outside that subset (HTML blocks,
// tabs whose width matters, a destination, title, definition or inline HTML running over a line
// ending), throws UNSURE and the caller parses with remark.

/** Thrown wherever the scanner cannot be sure to agree with remark. */
const UNSURE: unique symbol = Symbol('unsure');

/** Backticks indexed and binary-search steps taken for code spans, for tests that bound the work. */
let codeSpanWork = 0;

export function codeSpanWorkDone(): number {
  return codeSpanWork;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const AMP = 38;
const APOS = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT1 = 49;
const COLON = 58;
const SEMI = 59;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const TILDE = 126;

/** Characters that start or end an inline construct that matters for links (NUL: the parser replaces it). */
const INLINE_SPECIAL = new Uint8Array(128);
for (const c of [0, BANG, LT, LBRACKET, BACKSLASH, RBRACKET, BACKTICK]) INLINE_SPECIAL[c] = 1;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number) => isDigit(c) || isAlpha(c);
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const isSpaceOrTab = (c: number) => c === SPACE || c === TAB;
/** What the local part of an email autolink may contain. */
const isAtext = (c: number) => c === 35 || c === 36 || c === 37 || c === 38 || c === 39 || c === 42 || c === 43 || (c >= 45 && c <= 57) || c === 61 || c === 63 || (c >= 65 && c <= 90) || (c >= 94 && c <= 126);
const isSchemeChar = (c: number) => c === PLUS || c === DASH || c === DOT || isAlnum(c);
const isContainerStart = (c: number) => c === GT || c === DASH || c === STAR || c === PLUS || isDigit(c);

/** How labels are compared: whitespace collapsed, trimmed, case-folded (the same steps remark takes). */
function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase();
}

/** A numeric character reference's character; controls, surrogates and noncharacters become U+FFFD, as in remark. */
function decodeNumericReference(code: number): string {
  if (
    code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) ||
    (code > 55295 && code < 57344) || (code > 64975 && code < 65008) ||
    (code & 65535) === 65535 || (code & 65535) === 65534 || code > 1114111
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}

/** The named references common in URLs; others need the whole HTML entity table, which remark has. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** A destination's value: backslash escapes and character references decoded. */
function decodeDestination(text: string, start: number, end: number): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH || c === AMP || c === 0) {
      plain = false;
      break;
    }
  }
  if (plain) return text.slice(start, end);
  let out = '';
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0) throw UNSURE;
    if (c === BACKSLASH && i + 1 < end && isPunctuation(text.charCodeAt(i + 1))) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (c === AMP) {
      let j = i + 1;
      if (text.charCodeAt(j) === HASH) {
        j++;
        const hex = j < end && (text.charCodeAt(j) | 0x20) === 0x78;
        if (hex) j++;
        const digitsStart = j;
        while (j < end && (hex ? isHex(text.charCodeAt(j)) : isDigit(text.charCodeAt(j)))) j++;
        const digits = j - digitsStart;
        if (digits > 0 && digits <= (hex ? 6 : 7) && j < end && text.charCodeAt(j) === SEMI) {
          out += decodeNumericReference(Number.parseInt(text.slice(digitsStart, j), hex ? 16 : 10));
          i = j + 1;
          continue;
        }
      } else {
        while (j < end && isAlnum(text.charCodeAt(j))) j++;
        if (j > i + 1 && j < end && text.charCodeAt(j) === SEMI) {
          const name = text.slice(i + 1, j);
          if (!Object.hasOwn(NAMED_REFERENCES, name)) throw UNSURE;
          out += NAMED_REFERENCES[name];
          i = j + 1;
          continue;
        }
      }
    }
    out += text[i];
    i++;
  }
  return out;
}

interface Container {
  readonly quote: boolean;
  readonly ordered: boolean;
  /** The bullet, or the `.`/`)` after an ordered item's number. */
  readonly marker: number;
  /** How many spaces an item's continuation lines need. */
  size: number;
  /** The item began with a blank line… */
  initialBlank: boolean;
  /** …and a second blank line followed, so it cannot go on. */
  furtherBlank: boolean;
}

interface Opener {
  /** Offset of `[`, or of `!` for an image. */
  readonly start: number;
  /** Offset just after `[`. */
  readonly labelStart: number;
  readonly image: boolean;
  /** Which line of the block it is on (index into the block's start/end pairs). */
  readonly line: number;
  /** A link closed after it: it can no longer make one (links do not nest). */
  inactive: boolean;
  /** A `]` tried it and made nothing; it is skipped from now on. */
  balanced: boolean;
}

interface Found {
  /** Where the node starts: results are in this order. */
  readonly start: number;
  readonly link: MarkdownLink;
}

const FLOW_NONE = 0;
const FLOW_CONTENT = 1;
const FLOW_FENCED = 2;
const FLOW_INDENTED = 3;
const FLOW_COMMENT = 4;

class Scanner {
  private readonly text: string;
  private readonly stack: Container[] = [];
  private flow = FLOW_NONE;
  private fenceMarker = 0;
  private fenceSize = 0;
  private commentClose = -1;
  private lineStart = 0;
  /** Start/end pairs of the lines of the open paragraph (with the definitions it may begin with)… */
  private readonly content: number[] = [];
  /** …and how many entries of `content` are in use. */
  private contentLength = 0;
  /** Start/end pairs of the lines of the paragraphs and headings that contain a `[`… */
  private readonly segments: number[] = [];
  /** …and the index in `segments` where each of those blocks begins. */
  private readonly blocks: number[] = [];
  private nextBracket = -1;
  private readonly definitions: Found[] = [];
  private defined: Set<string> | undefined;
  // What `listItem` read, besides where the item's content starts.
  private itemOrdered = false;
  private itemMarker = 0;
  private itemSize = 0;
  private itemBlank = false;
  // Inline state of the block being scanned.
  private openers: Opener[] = [];
  private found: Found[] = [];
  /** For each length of backtick run, where the runs of the block being scanned start, in order. */
  private codeRuns: Map<number, number[]> | undefined;
  private nextMarker: Map<string, number> | undefined;
  private destinationStart = 0;
  private destinationEnd = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** Where the block pass stopped: nothing after it can change the result. */
  stop = 0;
  /** No block quotes or lists: see `markdownStart`. */
  flat = false;

  /** The links of the markdown from `start` on that begin at or after `from`. */
  run(start: number, from: number): MarkdownLink[] {
    const text = this.text;
    const length = text.length;
    const lastBracket = text.lastIndexOf('[');
    let pos = start;
    while (pos < length) {
      // Past the last `[` and the paragraph holding it, no link or definition can begin.
      if (pos > lastBracket && (this.flow !== FLOW_CONTENT || this.content[0] > lastBracket)) break;
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl === -1 ? length : nl;
      this.line(pos, lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
      if (nl === -1) {
        pos = length;
        break;
      }
      pos = nl + 1;
    }
    this.stop = pos;
    this.closeFlow();
    // Inline parsing waits for the whole document: a definition anywhere changes what `[x]` is.
    const inline: Found[] = [];
    const blocks = this.blocks;
    for (let b = 0; b < blocks.length; b++) {
      this.inline(blocks[b], b + 1 < blocks.length ? blocks[b + 1] : this.segments.length);
      for (const f of this.found) inline.push(f);
    }
    return merge(this.definitions, inline, from);
  }

  // ----- blocks -------------------------------------------------------------------------------

  private line(start: number, end: number): void {
    this.lineStart = start;
    if (this.flat) {
      this.flowLine(start, end, false, 0);
      return;
    }
    const text = this.text;
    const stack = this.stack;
    let p = start;
    let continued = 0;
    let nextItem = false;
    while (continued < stack.length) {
      const c = stack[continued];
      if (c.quote) {
        const q = this.quoteMarker(p, end);
        if (q < 0) break;
        p = q;
        continued++;
        continue;
      }
      if (this.skipWhitespace(p, end) === end) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        p = end;
        continued++;
        continue;
      }
      const spaces = this.spacesAt(p, end);
      const further = c.furtherBlank;
      c.initialBlank = c.furtherBlank = false;
      if (!further && spaces >= c.size) {
        p += c.size;
        continued++;
        continue;
      }
      if (text.charCodeAt(p + spaces) === TAB) throw UNSURE;
      // Not in this item: perhaps the next item of the same list, which closes everything inside.
      const q = this.listItem(p, end, c, false);
      if (q < 0) break;
      this.closeFlow();
      this.truncate(continued + 1);
      c.size = this.itemSize;
      c.initialBlank = this.itemBlank;
      continued++;
      p = q;
      nextItem = true;
      break;
    }

    let lazy = false;
    if (continued < stack.length) {
      const q = this.openContainers(p, end, continued, false);
      if (q < 0) lazy = true;
      else p = q;
    } else if (this.flow !== FLOW_FENCED && this.flow !== FLOW_COMMENT) {
      // A paragraph (or indented code) in progress restricts which list items may start here.
      const interrupt = !nextItem && (this.flow === FLOW_CONTENT || this.flow === FLOW_INDENTED);
      const q = this.openContainers(p, end, continued, interrupt);
      if (q >= 0) p = q;
    }
    this.flowLine(p, end, lazy, continued);
  }

  /** Up to three spaces at `p` and a container marker after them: where the marker is, or -1. */
  private markerAt(p: number, end: number): number {
    const text = this.text;
    const spaces = this.spacesAt(p, end);
    if (spaces > 3) return -1;
    const q = p + spaces;
    if (q < end && text.charCodeAt(q) === TAB) {
      const w = this.skipWhitespace(q, end);
      if (w < end && isContainerStart(text.charCodeAt(w))) throw UNSURE;
      return -1;
    }
    return q < end && isContainerStart(text.charCodeAt(q)) ? q : -1;
  }

  /** After `>` and the space that may follow it, or -1. */
  private quoteMarker(p: number, end: number): number {
    const text = this.text;
    const q = this.markerAt(p, end);
    if (q < 0 || text.charCodeAt(q) !== GT) return -1;
    if (q + 1 < end) {
      const next = text.charCodeAt(q + 1);
      if (next === SPACE) return q + 2;
      if (next === TAB) throw UNSURE;
    }
    return q + 1;
  }

  /**
   * A list item at `p`: where its content starts, or -1. With `list`, only a next item of that list;
   * with `interrupt`, only one that may interrupt a paragraph (not empty, numbered 1).
   */
  private listItem(p: number, end: number, list: Container | undefined, interrupt: boolean): number {
    const text = this.text;
    const q = this.markerAt(p, end);
    if (q < 0) return -1;
    const c = text.charCodeAt(q);
    let r: number;
    if (c === DASH || c === STAR || c === PLUS) {
      if (list && (list.ordered || list.marker !== c)) return -1;
      if (c !== PLUS && this.isThematicBreak(q, end)) return -1;
      this.itemOrdered = false;
      this.itemMarker = c;
      r = q + 1;
    } else if (isDigit(c)) {
      if ((list && !list.ordered) || (interrupt && c !== DIGIT1)) return -1;
      r = q;
      let digits = 0;
      while (r < end && isDigit(text.charCodeAt(r))) {
        if (++digits >= 10) return -1;
        r++;
      }
      if (interrupt && digits > 1) return -1;
      const delimiter = r < end ? text.charCodeAt(r) : -1;
      if ((delimiter !== DOT && delimiter !== RPAREN) || (list && list.marker !== delimiter)) return -1;
      this.itemOrdered = true;
      this.itemMarker = delimiter;
      r++;
    } else {
      return -1;
    }
    const width = r - p;
    const ws = this.skipWhitespace(r, end);
    if (ws === end) {
      if (interrupt) return -1;
      this.itemSize = width + 1;
      this.itemBlank = true;
      return end;
    }
    if (ws === r) return -1;
    if (this.hasTab(r, ws)) throw UNSURE;
    this.itemBlank = false;
    // Five or more spaces: the content is indented code, one space after the marker.
    if (ws - r > 4) {
      this.itemSize = width + 1;
      return r + 1;
    }
    this.itemSize = width + ws - r;
    return ws;
  }

  /** Opens the block quotes and list items that start at `p`: where the line's content starts, or -1 if none does. */
  private openContainers(p: number, end: number, continued: number, interrupt: boolean): number {
    const stack = this.stack;
    let opened = false;
    for (;;) {
      const marker = this.markerAt(p, end);
      if (marker < 0) return opened ? p : -1;
      const quote = this.text.charCodeAt(marker) === GT;
      const q = quote ? this.quoteMarker(p, end) : this.listItem(p, end, undefined, interrupt);
      if (q < 0) return opened ? p : -1;
      if (!opened) {
        this.closeFlow();
        this.truncate(continued);
        opened = true;
      }
      stack.push(
        quote
          ? { quote: true, ordered: false, marker: GT, size: 0, initialBlank: false, furtherBlank: false }
          : { quote: false, ordered: this.itemOrdered, marker: this.itemMarker, size: this.itemSize, initialBlank: this.itemBlank, furtherBlank: false },
      );
      p = q;
    }
  }

  /** The leaf part of a line, after its container prefixes. `lazy`: the line did not continue every container. */
  private flowLine(p: number, end: number, lazy: boolean, continued: number): void {
    const text = this.text;
    const flow = this.flow;
    if (flow === FLOW_FENCED && !lazy) {
      this.fenceLine(p, end);
      return;
    }
    if (flow === FLOW_COMMENT && !lazy) {
      if (this.commentEndsIn(p, end)) this.flow = FLOW_NONE;
      return;
    }
    const q = this.skipWhitespace(p, end);
    const blank = q === end;
    // Indentation in columns: a tab runs to the next multiple of four. Container prefixes hold no
    // tabs (they are left to remark), so `p` is at column `p - lineStart`.
    let indent = q - p;
    const tabbed = !blank && this.hasTab(p, q);
    if (tabbed) {
      const column = p - this.lineStart;
      let c = column;
      for (let r = p; r < q; r++) c = text.charCodeAt(r) === TAB ? c + 4 - (c % 4) : c + 1;
      indent = c - column;
    }
    if (flow === FLOW_INDENTED && !lazy) {
      if (blank || indent >= 4) return;
      if (tabbed) throw UNSURE;
    }
    if (flow === FLOW_CONTENT && !blank) {
      if (indent >= 4) {
        this.addContentLine(q, end);
        return;
      }
      if (tabbed) {
        if (this.mayInterrupt(text.charCodeAt(q))) throw UNSURE;
        this.addContentLine(q, end);
        return;
      }
      if (!this.interrupts(q, end, lazy)) {
        this.addContentLine(q, end);
        return;
      }
    }
    const hadParagraph = this.closeFlow();
    // A lazy line that does not continue a paragraph belongs outside the containers it skipped.
    if (lazy) this.truncate(continued);
    if (blank) return;
    if (indent >= 4) {
      // Indented code begun on a lazy line ends with it: its continuation check looks at that line.
      if (!lazy) this.flow = FLOW_INDENTED;
      return;
    }
    if (tabbed) throw UNSURE;
    const c = text.charCodeAt(q);
    const setext = flow === FLOW_CONTENT && hadParagraph && !lazy;
    switch (c) {
      case HASH: {
        const h = this.atxHeading(q, end);
        if (h >= 0) {
          if (this.bracketIn(h, end)) {
            this.blocks.push(this.segments.length);
            this.segments.push(h, end);
          }
          return;
        }
        break;
      }
      case BACKTICK:
      case TILDE: {
        const size = this.fenceOpen(q, end);
        if (size > 0) {
          this.flow = FLOW_FENCED;
          this.fenceMarker = c;
          this.fenceSize = size;
          return;
        }
        break;
      }
      case EQUALS:
        if (setext && this.isSetextUnderline(q, end)) return;
        break;
      case DASH:
        if (setext && this.isSetextUnderline(q, end)) return;
        if (this.isThematicBreak(q, end)) return;
        break;
      case STAR:
      case UNDERSCORE:
        if (this.isThematicBreak(q, end)) return;
        break;
      case LT:
        if (this.isCommentStart(q, end)) {
          if (!this.commentEndsIn(q + 2, end)) this.flow = FLOW_COMMENT;
          return;
        }
        if (this.mayStartHtml(q, end)) throw UNSURE;
        break;
    }
    this.flow = FLOW_CONTENT;
    this.addContentLine(q, end);
  }

  /** Whether a line starting with `c` could end a paragraph (what `interrupts` then looks at). */
  private mayInterrupt(c: number): boolean {
    return c === HASH || c === STAR || c === DASH || c === UNDERSCORE || c === EQUALS || c === LT || c === BACKTICK || c === TILDE;
  }

  /** Whether the line at `q` (indented less than four spaces) ends the open paragraph. */
  private interrupts(q: number, end: number, lazy: boolean): boolean {
    switch (this.text.charCodeAt(q)) {
      case HASH:
        return this.atxHeading(q, end) >= 0;
      case STAR:
      case UNDERSCORE:
        return this.isThematicBreak(q, end);
      case DASH:
        return (!lazy && this.isSetextUnderline(q, end)) || this.isThematicBreak(q, end);
      case EQUALS:
        return !lazy && this.isSetextUnderline(q, end);
      case BACKTICK:
      case TILDE:
        return this.fenceOpen(q, end) > 0;
      case LT:
        if (this.isCommentStart(q, end)) return true;
        if (this.mayStartHtml(q, end)) throw UNSURE;
        return false;
      default:
        return false;
    }
  }

  /** A line inside fenced code: only its closing fence matters. */
  private fenceLine(p: number, end: number): void {
    const text = this.text;
    const q = this.skipWhitespace(p, end);
    if (q === end || text.charCodeAt(q) !== this.fenceMarker) return;
    if (this.hasTab(p, q)) throw UNSURE;
    if (q - p > 3) return;
    let r = q;
    while (r < end && text.charCodeAt(r) === this.fenceMarker) r++;
    if (r - q >= this.fenceSize && this.skipWhitespace(r, end) === end) this.flow = FLOW_NONE;
  }

  /** Ends the open leaf block. A paragraph's leading definitions are read here; true if text follows them. */
  private closeFlow(): boolean {
    const flow = this.flow;
    this.flow = FLOW_NONE;
    if (flow !== FLOW_CONTENT) return false;
    const lines = this.content;
    const n = this.contentLength;
    let i = 0;
    if (this.text.charCodeAt(lines[0]) === LBRACKET) {
      while (i < n && this.definition(i)) i += 2;
    }
    const paragraph = i < n;
    if (paragraph && this.bracketIn(lines[i], lines[n - 1])) {
      this.blocks.push(this.segments.length);
      for (let j = i; j < n; j++) this.segments.push(lines[j]);
    }
    this.contentLength = 0;
    return paragraph;
  }

  /** Whether a `[` occurs in [start, end). Asked in document order. */
  private bracketIn(start: number, end: number): boolean {
    if (this.nextBracket < start) {
      const i = this.text.indexOf('[', start);
      this.nextBracket = i === -1 ? Infinity : i;
    }
    return this.nextBracket < end;
  }

  /**
   * A reference definition filling line `index` of the open paragraph: records it and returns true,
   * or false if the line is not one.
   */
  private definition(index: number): boolean {
    const text = this.text;
    const lines = this.content;
    const start = lines[index];
    const end = lines[index + 1];
    const next = index + 2 < this.contentLength ? lines[index + 2] : -1;
    if (text.charCodeAt(start) !== LBRACKET) return false;
    const last = next < 0;
    // The label may run over lines; a definition whose label does is left to remark.
    let labelEnd = -1;
    let seen = false;
    for (let k = index; k < this.contentLength && labelEnd < 0; k += 2) {
      const e = lines[k + 1];
      for (let r = k === index ? start + 1 : lines[k]; r < e; r++) {
        const c = text.charCodeAt(r);
        if (c === LBRACKET) return false;
        if (c === RBRACKET) {
          if (!seen) return false;
          labelEnd = r;
          break;
        }
        if (c === BACKSLASH && r + 1 < e) {
          const d = text.charCodeAt(r + 1);
          if (d === LBRACKET || d === RBRACKET || d === BACKSLASH) r++;
        }
        if (!isSpaceOrTab(c)) seen = true;
      }
    }
    if (labelEnd < 0) return false;
    if (labelEnd >= end) {
      if (text.charCodeAt(labelEnd + 1) === COLON) throw UNSURE;
      return false;
    }
    if (labelEnd - start - 1 > 999) throw UNSURE;
    let r = labelEnd + 1;
    if (r === end || text.charCodeAt(r) !== COLON) return false;
    r = this.skipWhitespace(r + 1, end);
    if (r === end) {
      if (last) return false;
      throw UNSURE; // the destination may be on the next line
    }
    let destStart: number;
    let destEnd: number;
    if (text.charCodeAt(r) === LT) {
      destStart = r + 1;
      destEnd = this.angleDestinationEnd(destStart, end);
      if (destEnd < 0) return false;
      r = destEnd + 1;
    } else {
      destStart = r;
      destEnd = this.rawDestinationEnd(r, end, Infinity);
      if (destEnd <= destStart) return false;
      r = destEnd;
    }
    // An optional title after whitespace, then nothing but whitespace.
    const w = this.skipWhitespace(r, end);
    if (w === end) {
      // The title may still come on the paragraph's next line.
      if (!last) {
        const c = text.charCodeAt(next);
        if (c === QUOTE || c === APOS || c === LPAREN) throw UNSURE;
      }
    } else {
      if (w === r) return false;
      const titleEnd = this.titleEnd(w, end, last);
      if (titleEnd < 0 || this.skipWhitespace(titleEnd, end) !== end) return false;
    }
    this.definitions.push({ start, link: { kind: 'definition', destination: decodeDestination(text, destStart, destEnd), span: { start: destStart, end: destEnd } } });
    (this.defined ??= new Set()).add(normalizeLabel(text.slice(start + 1, labelEnd)));
    return true;
  }

  /** After the `#` sequence of an ATX heading at `q`, or -1. */
  private atxHeading(q: number, end: number): number {
    const text = this.text;
    let r = q;
    while (r < end && text.charCodeAt(r) === HASH) r++;
    if (r - q > 6) return -1;
    return r === end || isSpaceOrTab(text.charCodeAt(r)) ? r : -1;
  }

  /** The length of an opening code fence at `q`, or 0. */
  private fenceOpen(q: number, end: number): number {
    const text = this.text;
    const marker = text.charCodeAt(q);
    let r = q;
    while (r < end && text.charCodeAt(r) === marker) r++;
    if (r - q < 3) return 0;
    if (marker === BACKTICK) {
      const tick = text.indexOf('`', r);
      if (tick !== -1 && tick < end) return 0;
    }
    return r - q;
  }

  private isThematicBreak(q: number, end: number): boolean {
    const text = this.text;
    const marker = text.charCodeAt(q);
    if (marker !== STAR && marker !== DASH && marker !== UNDERSCORE) return false;
    let count = 0;
    for (let r = q; r < end; r++) {
      const c = text.charCodeAt(r);
      if (c === marker) count++;
      else if (!isSpaceOrTab(c)) return false;
    }
    return count >= 3;
  }

  private isSetextUnderline(q: number, end: number): boolean {
    const text = this.text;
    const marker = text.charCodeAt(q);
    let r = q;
    while (r < end && text.charCodeAt(r) === marker) r++;
    return this.skipWhitespace(r, end) === end;
  }

  private isCommentStart(q: number, end: number): boolean {
    return end - q >= 4 && this.text.startsWith('<!--', q);
  }

  /** Whether an HTML comment block ends on this line: `-->` in [p, end). */
  private commentEndsIn(p: number, end: number): boolean {
    // The next `-->` is looked for once per comment, not once per line.
    if (this.commentClose < p) {
      const close = this.text.indexOf('-->', p);
      this.commentClose = close === -1 ? Infinity : close;
    }
    return this.commentClose + 3 <= end;
  }

  /** Whether an HTML block could start at `q`; false only where none can. */
  private mayStartHtml(q: number, end: number): boolean {
    const text = this.text;
    if (q + 1 >= end) return false;
    const c = text.charCodeAt(q + 1);
    if (c === BANG || c === QUESTION || c === SLASH) return true;
    if (!isAlpha(c)) return false;
    let r = q + 2;
    while (r < end && (isAlnum(text.charCodeAt(r)) || text.charCodeAt(r) === DASH)) r++;
    if (r >= end) return true;
    const after = text.charCodeAt(r);
    return isSpaceOrTab(after) || after === GT || after === SLASH;
  }

  private addContentLine(start: number, end: number): void {
    const content = this.content;
    content[this.contentLength++] = start;
    content[this.contentLength++] = end;
  }

  /** Closes the containers from `depth` on. */
  private truncate(depth: number): void {
    if (this.stack.length > depth) this.stack.length = depth;
  }

  private skipWhitespace(p: number, end: number): number {
    const text = this.text;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c !== SPACE && c !== TAB) break;
      p++;
    }
    return p;
  }

  private spacesAt(p: number, end: number): number {
    const text = this.text;
    let q = p;
    while (q < end && text.charCodeAt(q) === SPACE) q++;
    return q - p;
  }

  private hasTab(p: number, q: number): boolean {
    const text = this.text;
    for (let i = p; i < q; i++) if (text.charCodeAt(i) === TAB) return true;
    return false;
  }

  // ----- labels, destinations and titles ------------------------------------------------------

  /**
   * The `]` closing the label that opens with the `[` at `p` (no unescaped brackets, not blank, at
   * most 999 characters), or -1. Unsure when the label could go on on the next line.
   */
  private labelClose(p: number, end: number, last: boolean): number {
    const text = this.text;
    let r = p + 1;
    let seen = false;
    while (r < end) {
      const c = text.charCodeAt(r);
      if (c === LBRACKET) return -1;
      if (c === RBRACKET) {
        if (!seen) return -1;
        if (r - p - 1 > 999) throw UNSURE;
        return r;
      }
      if (c === BACKSLASH && r + 1 < end) {
        const d = text.charCodeAt(r + 1);
        if (d === LBRACKET || d === RBRACKET || d === BACKSLASH) {
          r += 2;
          seen = true;
          continue;
        }
      }
      if (!isSpaceOrTab(c)) seen = true;
      r++;
    }
    if (last) return -1;
    throw UNSURE;
  }

  /** The `>` closing an angle-bracket destination whose content starts at `p`, or -1. */
  private angleDestinationEnd(p: number, end: number): number {
    const text = this.text;
    let r = p;
    while (r < end) {
      const c = text.charCodeAt(r);
      if (c === GT) return r;
      if (c === LT) return -1;
      if (c === 0) throw UNSURE;
      if (c === BACKSLASH && r + 1 < end) {
        const d = text.charCodeAt(r + 1);
        if (d === LT || d === GT || d === BACKSLASH) {
          r += 2;
          continue;
        }
      }
      r++;
    }
    return -1;
  }

  /** The end of a destination without angle brackets at `p` (balanced parentheses, no spaces or controls), or -1. */
  private rawDestinationEnd(p: number, end: number, maxDepth: number): number {
    const text = this.text;
    let depth = 0;
    let r = p;
    for (;;) {
      if (r === end) return depth === 0 ? r : -1;
      const c = text.charCodeAt(r);
      if (depth === 0 && (c === RPAREN || c === SPACE || c === TAB)) return r;
      if (c === LPAREN) {
        if (depth >= maxDepth) return -1;
        depth++;
        r++;
        continue;
      }
      if (c === RPAREN) {
        depth--;
        r++;
        continue;
      }
      if (c === 0) throw UNSURE;
      if (c < 32 || c === 127 || c === SPACE) return -1;
      if (c === BACKSLASH && r + 1 < end) {
        const d = text.charCodeAt(r + 1);
        if (d === LPAREN || d === RPAREN || d === BACKSLASH) {
          r += 2;
          continue;
        }
      }
      r++;
    }
  }

  /** After a title at `p` ("…", '…' or (…)), or -1. Unsure when it could go on on the next line. */
  private titleEnd(p: number, end: number, last: boolean): number {
    const text = this.text;
    const open = text.charCodeAt(p);
    if (open !== QUOTE && open !== APOS && open !== LPAREN) return -1;
    const close = open === LPAREN ? RPAREN : open;
    let r = p + 1;
    while (r < end) {
      const c = text.charCodeAt(r);
      if (c === close) return r + 1;
      if (c === BACKSLASH && r + 1 < end) {
        const d = text.charCodeAt(r + 1);
        if (d === close || d === BACKSLASH) {
          r += 2;
          continue;
        }
      }
      r++;
    }
    if (last) return -1;
    throw UNSURE;
  }

  // ----- inline -------------------------------------------------------------------------------

  /** The links and images of one paragraph or heading: its lines are the start/end pairs `segments[from..to)`. */
  private inline(from: number, to: number): void {
    const text = this.text;
    const segments = this.segments;
    this.openers = [];
    this.found = [];
    this.codeRuns = undefined;
    let line = from;
    let i = segments[line];
    let end = segments[line + 1];
    for (;;) {
      if (i >= end) {
        line += 2;
        if (line >= to) return;
        i = segments[line];
        end = segments[line + 1];
        continue;
      }
      const c = text.charCodeAt(i);
      if (c >= 128 || INLINE_SPECIAL[c] === 0) {
        i++;
        continue;
      }
      switch (c) {
        case BACKSLASH:
          i += i + 1 < end && isPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
          break;
        case BACKTICK: {
          const close = this.codeSpanEnd(i, end, line, to);
          if (close < 0) {
            // No closing run: the whole opening run is literal.
            while (i < end && text.charCodeAt(i) === BACKTICK) i++;
          } else {
            while (close > segments[line + 1]) line += 2;
            end = segments[line + 1];
            i = close;
          }
          break;
        }
        case LT: {
          const a = this.autolinkEnd(i, end);
          if (a > 0) {
            i = a;
            break;
          }
          const h = this.htmlEnd(i, end, line + 2 === to);
          i = h > 0 ? h : i + 1;
          break;
        }
        case BANG:
          if (i + 1 < end && text.charCodeAt(i + 1) === LBRACKET) {
            this.openers.push({ start: i, labelStart: i + 2, image: true, line, inactive: false, balanced: false });
            i += 2;
          } else {
            i++;
          }
          break;
        case LBRACKET:
          this.openers.push({ start: i, labelStart: i + 1, image: false, line, inactive: false, balanced: false });
          i++;
          break;
        case RBRACKET:
          i = this.labelEnd(i, end, line, line + 2 === to);
          break;
        default:
          throw UNSURE; // NUL
      }
    }
  }

  /**
   * The code span opening with the backtick run at `i`: the offset after its closing run (perhaps on
   * a later line of the block), or -1 when no run of the same length follows.
   */
  private codeSpanEnd(i: number, end: number, line: number, to: number): number {
    const text = this.text;
    let r = i;
    while (r < end && text.charCodeAt(r) === BACKTICK) r++;
    const size = r - i;
    // The closing run is the first later run of the same length. Searching the text for it from each
    // opener costs the block's length per opener: runs of growing length (`x``x```x…) made that
    // quadratic. The block's runs are indexed by length once, and each lookup is a binary search.
    const runs = (this.codeRuns ??= this.indexCodeRuns(line, to)).get(size);
    if (runs === undefined) return -1;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      codeSpanWork++;
      const mid = (lo + hi) >>> 1;
      if (runs[mid] > i) hi = mid;
      else lo = mid + 1;
    }
    return lo < runs.length ? runs[lo] + size : -1;
  }

  /**
   * Where each run of backticks of the block starts, by the run's length, from the line `from` on
   * (start/end pairs `segments[from..to)`). A run ends at its line's end, as a closing run does.
   */
  private indexCodeRuns(from: number, to: number): Map<number, number[]> {
    const text = this.text;
    const segments = this.segments;
    const runs = new Map<number, number[]>();
    let t = text.indexOf('`', segments[from]);
    for (let line = from; line < to && t !== -1; line += 2) {
      const lineEnd = segments[line + 1];
      // A backtick between two lines' segments (a block quote's `>`, say) is not the block's.
      if (t < segments[line]) t = text.indexOf('`', segments[line]);
      while (t !== -1 && t < lineEnd) {
        const start = t;
        while (t < lineEnd && text.charCodeAt(t) === BACKTICK) t++;
        codeSpanWork += t - start;
        const list = runs.get(t - start);
        if (list) list.push(start);
        else runs.set(t - start, [start]);
        t = text.indexOf('`', t);
      }
    }
    return runs;
  }

  /** After an autolink (`<scheme:…>` or `<user@host>`) at `i`, or -1. */
  private autolinkEnd(i: number, end: number): number {
    const text = this.text;
    let r = i + 1;
    if (r < end && isAlpha(text.charCodeAt(r))) {
      r++;
      let size = 1;
      while (r < end && isSchemeChar(text.charCodeAt(r)) && size < 32) {
        r++;
        size++;
      }
      if (size >= 2 && r < end && text.charCodeAt(r) === COLON) {
        for (r++; r < end; r++) {
          const u = text.charCodeAt(r);
          if (u === GT) return r + 1;
          if (u === SPACE || u === LT || u < 32 || u === 127) return -1;
        }
        return -1;
      }
    } else if (r < end && text.charCodeAt(r) === AT) {
      return -1;
    }
    // An email address: atext up to `@`, then dot-separated labels of letters, digits and inner dashes.
    while (r < end && isAtext(text.charCodeAt(r))) r++;
    if (r === end || text.charCodeAt(r) !== AT) return -1;
    r++;
    for (;;) {
      if (r === end || !isAlnum(text.charCodeAt(r))) return -1;
      let size = 0;
      let c = text.charCodeAt(r);
      while (c !== DOT && c !== GT) {
        if (!(c === DASH || isAlnum(c)) || size++ >= 63) return -1;
        r++;
        if (r === end) return -1;
        const next = text.charCodeAt(r);
        if (c === DASH && (next === DOT || next === GT)) return -1;
        c = next;
      }
      if (c === GT) return r + 1;
      r++;
    }
  }

  /**
   * After inline HTML at `i` (a tag, comment, declaration, instruction or CDATA section), or -1 if
   * there is none. Unsure when it could go on past the line.
   */
  private htmlEnd(i: number, end: number, last: boolean): number {
    const text = this.text;
    const unsure = (): number => {
      if (last) return -1;
      throw UNSURE;
    };
    const closedBy = (marker: string, from: number): number => {
      const close = this.nextOf(marker, from);
      if (close === -1) return -1;
      return close + marker.length <= end ? close + marker.length : unsure();
    };
    let r = i + 1;
    if (r >= end) return -1;
    let c = text.charCodeAt(r);
    if (c === BANG) {
      r++;
      if (r >= end) return -1;
      c = text.charCodeAt(r);
      if (c === DASH) return r + 1 < end && text.charCodeAt(r + 1) === DASH ? closedBy('-->', r) : -1;
      if (c === LBRACKET) return text.startsWith('CDATA[', r + 1) ? closedBy(']]>', r + 7) : -1;
      return isAlpha(c) ? closedBy('>', r) : -1;
    }
    if (c === QUESTION) return closedBy('?>', r + 1);
    if (c === SLASH) {
      r++;
      if (r >= end || !isAlpha(text.charCodeAt(r))) return -1;
      while (r < end && (isAlnum(text.charCodeAt(r)) || text.charCodeAt(r) === DASH)) r++;
      r = this.skipWhitespace(r, end);
      if (r === end) return unsure();
      return text.charCodeAt(r) === GT ? r + 1 : -1;
    }
    if (!isAlpha(c)) return -1;
    while (r < end && (isAlnum(text.charCodeAt(r)) || text.charCodeAt(r) === DASH)) r++;
    if (r === end) return unsure();
    c = text.charCodeAt(r);
    if (c !== SLASH && c !== GT && !isSpaceOrTab(c)) return -1;
    // Attributes: a name, optionally `=` and an unquoted or quoted value.
    for (;;) {
      if (r === end) return unsure();
      c = text.charCodeAt(r);
      if (isSpaceOrTab(c)) {
        r++;
        continue;
      }
      if (c === SLASH) return r + 1 < end && text.charCodeAt(r + 1) === GT ? r + 2 : -1;
      if (!(c === COLON || c === UNDERSCORE || isAlpha(c))) return c === GT ? r + 1 : -1;
      r++;
      while (r < end) {
        const n = text.charCodeAt(r);
        if (!(n === DASH || n === DOT || n === COLON || n === UNDERSCORE || isAlnum(n))) break;
        r++;
      }
      r = this.skipWhitespace(r, end);
      if (r === end) return unsure();
      if (text.charCodeAt(r) !== EQUALS) continue;
      r = this.skipWhitespace(r + 1, end);
      if (r === end) return unsure();
      c = text.charCodeAt(r);
      if (c === LT || c === EQUALS || c === GT || c === BACKTICK) return -1;
      if (c === QUOTE || c === APOS) {
        const close = text.indexOf(c === QUOTE ? '"' : "'", r + 1);
        if (close === -1) return -1;
        if (close >= end) return unsure();
        r = close + 1;
        if (r === end) return unsure();
        const n = text.charCodeAt(r);
        if (!(n === SLASH || n === GT || isSpaceOrTab(n))) return -1;
        continue;
      }
      while (r < end) {
        const n = text.charCodeAt(r);
        if (n === QUOTE || n === APOS || n === LT || n === EQUALS || n === BACKTICK) return -1;
        if (n === SLASH || n === GT || isSpaceOrTab(n)) break;
        r++;
      }
    }
  }

  /** The first `marker` at or after `from`; remembered, so that many openers without a closer cost one search. */
  private nextOf(marker: string, from: number): number {
    const found = (this.nextMarker ??= new Map()).get(marker);
    if (found !== undefined && (found >= from || found === -1)) return found;
    const at = this.text.indexOf(marker, from);
    this.nextMarker.set(marker, at);
    return at;
  }

  /** A `]` at `i`: closes the nearest open bracket as a link, image or reference, or not. Where scanning goes on. */
  private labelEnd(i: number, end: number, line: number, last: boolean): number {
    const text = this.text;
    const openers = this.openers;
    while (openers.length > 0 && openers[openers.length - 1].balanced) openers.pop();
    const opener = openers[openers.length - 1];
    if (!opener) return i + 1;
    if (opener.inactive) {
      opener.balanced = true;
      return i + 1;
    }
    const defined = this.defined;
    const isDefined = defined !== undefined && defined.has(normalizeLabel(this.labelText(opener, line, i)));
    const a = i + 1;
    const next = a < end ? text.charCodeAt(a) : -1;
    if (next === LPAREN) {
      const r = this.resource(a, end, last);
      if (r > 0) {
        this.formed(opener, true);
        return r;
      }
    } else if (next === LBRACKET && defined) {
      const close = this.labelClose(a, end, last);
      if (close > 0 && defined.has(normalizeLabel(text.slice(a + 1, close)))) {
        this.formed(opener, false);
        return close + 1;
      }
      if (isDefined && a + 1 < end && text.charCodeAt(a + 1) === RBRACKET) {
        this.formed(opener, false);
        return a + 2;
      }
      opener.balanced = true;
      return a;
    }
    if (isDefined) this.formed(opener, false);
    else opener.balanced = true;
    return a;
  }

  /**
   * The text between an opener and the `]` at `i` on line `line`, as remark compares it with the
   * labels of definitions. Over lines, the line prefixes are left out: they hold only whitespace,
   * which comparison collapses with the line ending anyway.
   */
  private labelText(opener: Opener, line: number, i: number): string {
    const text = this.text;
    if (opener.line === line) return text.slice(opener.labelStart, i);
    const segments = this.segments;
    let label = text.slice(opener.labelStart, segments[opener.line + 1]);
    for (let l = opener.line + 2; l < line; l += 2) label += '\n' + text.slice(segments[l], segments[l + 1]);
    return label + '\n' + text.slice(segments[line], i);
  }

  /**
   * `(destination "title")` at `p`: the offset after its `)`, with the destination in
   * `destinationStart`/`destinationEnd`; -1 if there is none. Unsure when it could go on past the line.
   */
  private resource(p: number, end: number, last: boolean): number {
    const text = this.text;
    const unsure = (): number => {
      if (last) return -1;
      throw UNSURE;
    };
    let r = this.skipWhitespace(p + 1, end);
    if (r === end) return unsure();
    let c = text.charCodeAt(r);
    if (c === RPAREN) {
      this.destinationStart = this.destinationEnd = p + 1;
      return r + 1;
    }
    if (c === LT) {
      const close = this.angleDestinationEnd(r + 1, end);
      if (close < 0) return -1;
      this.destinationStart = r + 1;
      this.destinationEnd = close;
      r = close + 1;
    } else {
      const destEnd = this.rawDestinationEnd(r, end, 32);
      if (destEnd <= r) return -1;
      this.destinationStart = r;
      this.destinationEnd = destEnd;
      r = destEnd;
    }
    if (r === end) return unsure();
    c = text.charCodeAt(r);
    if (isSpaceOrTab(c)) {
      r = this.skipWhitespace(r, end);
      if (r === end) return unsure();
      c = text.charCodeAt(r);
      if (c === QUOTE || c === APOS || c === LPAREN) {
        r = this.titleEnd(r, end, last);
        if (r < 0) return -1;
        r = this.skipWhitespace(r, end);
        if (r === end) return unsure();
        c = text.charCodeAt(r);
      }
    }
    return c === RPAREN ? r + 1 : -1;
  }

  /** The opener on top made a link, image or reference (`resource`: one with a destination, which is reported). */
  private formed(opener: Opener, resource: boolean): void {
    const openers = this.openers;
    openers.pop();
    const found = this.found;
    if (opener.image) {
      // An image's description is plain text in the tree: links and images inside it vanish.
      while (found.length > 0 && found[found.length - 1].start > opener.start) found.pop();
    } else {
      for (const o of openers) if (!o.image) o.inactive = true;
    }
    if (!resource) return;
    const start = this.destinationStart;
    const end = this.destinationEnd;
    const link: MarkdownLink = { kind: opener.image ? 'image' : 'link', destination: decodeDestination(this.text, start, end), span: { start, end } };
    // A link closes after the images inside it but starts before them.
    let at = found.length;
    while (at > 0 && found[at - 1].start > opener.start) at--;
    found.splice(at, 0, { start: opener.start, link });
  }
}

/** Both lists in document order, from `from` on. */
function merge(a: readonly Found[], b: readonly Found[], from: number): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const f = j >= b.length || (i < a.length && a[i].start < b[j].start) ? a[i++] : b[j++];
    if (f.start >= from) out.push(f.link);
  }
  return out;
}

// ----- where the body starts ---------------------------------------------------------------------

function lineContentEnd(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  const end = nl === -1 ? text.length : nl;
  return end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

function nextLineStart(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl === -1 ? text.length : nl + 1;
}

/** Whether [start, end) is exactly `---` plus trailing whitespace: a frontmatter fence. */
function isFenceLine(text: string, start: number, end: number): boolean {
  if (end - start < 3 || !text.startsWith('---', start)) return false;
  for (let r = start + 3; r < end; r++) if (!isSpaceOrTab(text.charCodeAt(r))) return false;
  return true;
}

/**
 * Where the markdown starts for remark: after a byte order mark and the YAML frontmatter it
 * recognises. -1 for an opening fence that is never closed: while remark looks for the closing
 * fence it takes no line for a block quote or list, and it keeps to that after giving up.
 */
function markdownStart(text: string): number {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineContentEnd(text, bom);
  if (firstEnd === text.length || !isFenceLine(text, bom, firstEnd)) return bom;
  for (let nl = text.indexOf('\n---', firstEnd); nl !== -1; nl = text.indexOf('\n---', nl + 1)) {
    if (isFenceLine(text, nl + 1, lineContentEnd(text, nl + 1))) return nextLineStart(text, nl + 1);
  }
  return -1;
}

/**
 * Fast path: the same links as `remarkLinks` for documents written in everyday markdown, in one
 * pass. `from` is where the body starts (after frontmatter). Returns undefined when the text holds
 * something the scanner does not follow exactly; the caller then uses `remarkLinks`.
 */
export function scanLinks(text: string, from: number): MarkdownLink[] | undefined {
  if (text.indexOf('[', from) === -1) return [];
  try {
    // From where remark starts, not from `from`: text before the body (a frontmatter remark does not
    // recognise) can leave a block open or define a label.
    const start = markdownStart(text);
    const scanner = new Scanner(text);
    // An opening frontmatter fence never closed: remark reads what follows without containers.
    scanner.flat = start < 0;
    const links = scanner.run(start < 0 ? (text.charCodeAt(0) === 0xfeff ? 1 : 0) : start, from);
    // A lone carriage return ends a line for remark; lines here end with `\n`. Only the part read counts.
    for (let r = text.lastIndexOf('\r', scanner.stop); r !== -1; r = r > 0 ? text.lastIndexOf('\r', r - 1) : -1) {
      if (text.charCodeAt(r + 1) !== LF) return undefined;
    }
    return links;
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}
