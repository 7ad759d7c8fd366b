// Parsed documents in a compact form, and the persistent cache built from it.
//
// The form: each document is a run of integers (offsets, counts, flags, and indexes into a table of
// distinct strings) in an Int32Array, plus that string table. A worker thread sends a batch of
// parsed documents this way (the array is transferred, not copied), and the cache keeps them on disk
// the same way. Rebuilding a document from it costs a few microseconds; receiving the same document
// as a structured clone of its ~70 objects costs the main thread far more than parsing it did.
//
// The cache: one file per workspace root, mapping each document path to the SHA-256 of its bytes
// and its parsed form. An entry is used only when path, bytes, the `fields:` and `types:` settings and the code
// that parsed it (the worker script's own hash) are all the same, so a stale entry is never read.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { ParseSettings } from '../core/parse/document';
import { dropCacheFile, readCacheFile, writeCacheFile, writeCacheFileSoon, type FileWriter } from './cacheStore';
import type { FileSignature } from './readDocument';
import type { DocumentStatus, DocumentType, EvidenceLink, FieldSite, Frequency, ListField, ListShape, Located, MappingRow, TableMapping, ParsedDocument, RawFinding, Span, VendorRecord, RiskRecord, AssessmentRecord } from '../core/model/types';

/** Bumped whenever the layout below changes. */
const FORMAT = 4;

export interface EncodedDocuments {
  readonly nums: Int32Array;
  readonly strs: readonly string[];
  /** How many documents the run holds. */
  readonly count: number;
}

/**
 * The same with its strings joined into one, for a message between threads or the cache file: one
 * string and two typed arrays copy at memory speed, where thousands of small strings do not.
 */
export interface PackedDocuments {
  readonly nums: Int32Array;
  readonly text: string;
  /** Where each string ends in `text`. */
  readonly ends: Int32Array;
  readonly count: number;
}

export function packDocuments(batch: EncodedDocuments): PackedDocuments {
  const ends = new Int32Array(batch.strs.length);
  let end = 0;
  batch.strs.forEach((str, k) => (ends[k] = end += str.length));
  return { nums: batch.nums, text: batch.strs.join(''), ends, count: batch.count };
}

export function unpackDocuments(packed: PackedDocuments): EncodedDocuments {
  const strs: string[] = new Array(packed.ends.length);
  let start = 0;
  for (let k = 0; k < packed.ends.length; k++) {
    strs[k] = packed.text.slice(start, packed.ends[k]);
    start = packed.ends[k];
  }
  return { nums: packed.nums, strs, count: packed.count };
}

const F_FRONTMATTER = 2;
const F_ID = 4;
const F_TYPE = 8;
const F_TITLE = 16;
const F_OWNER = 32;
const F_STATUS = 64;
const F_LAST_REVIEWED = 128;
const F_REVIEW_CYCLE = 256;
const F_FREQUENCY = 512;
const F_PROBLEMS = 1024;
const F_WORDS = 2048;
const F_REST = 4096;
const F_SERIES = 8192;
const F_NEXT_REVIEW = 16384;
const F_APPROVER = 32768;
const F_ROWS = 65536;
const F_OWN = 131072;
const F_REFERENCES = 262144;
const F_VENDOR = 524288;
const F_PLACEHOLDERS = 1048576;
const F_RISK = 2097152;
const F_ASSESSMENT = 4194304;

const E_BODY = 1;
const E_URL = 2;
const E_DATE = 4;
const E_FROM_FIELD = 8;
const E_FROM_PATH = 16;
const E_FROM_ROOT = 32;
const E_DATE_SPAN = 64;

const LIST_FIELDS: readonly ListField[] = ['criteria', 'policies', 'controls', 'evidence'];
const FORMATS: readonly ParsedDocument['format'][] = ['native', 'comply', 'none'];

/** Every key the layout knows; anything else a document carries (`hash`, keys of later versions) travels as JSON. */
const KNOWN_KEYS = new Set(['path', 'length', 'lineStarts', 'format', 'frontmatter', 'fields', 'id', 'type', 'title', 'owner', 'status', 'criteria', 'policies', 'controls', 'lastReviewed', 'reviewCycle', 'frequency', 'evidence', 'lists', 'problems', 'words', 'series', 'nextReview', 'approver', 'mappingRows', 'ownMappings', 'references', 'vendor', 'placeholders', 'risk', 'assessment']);

/** A document holding a value the layout cannot carry (a number where a string goes, a function). */
export class UnencodableDocument extends Error {}

/** Appends documents to one integer run and one string table. */
export class DocumentEncoder {
  private nums = new Int32Array(4096);
  private n = 0;
  private readonly strs: string[] = [];
  private readonly index = new Map<string, number>();
  private count = 0;

  private num(v: number): void {
    // Anything else would be stored as some other number, and read back as a different document.
    // `v | 0` is v itself exactly when v is a 32-bit integer (not a string, NaN, 1.5 or 2 ** 31).
    if ((v | 0) !== v) throw new UnencodableDocument(`not a 32-bit integer: ${String(v)}`);
    if (this.n === this.nums.length) this.grow(1);
    this.nums[this.n++] = v;
  }

  /** A run of integers (a document's line starts): room made once, each checked like num. */
  private ints(vs: readonly number[]): void {
    this.num(vs.length);
    if (this.n + vs.length > this.nums.length) this.grow(vs.length);
    const nums = this.nums;
    let n = this.n;
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i];
      if ((v | 0) !== v) throw new UnencodableDocument(`not a 32-bit integer: ${String(v)}`);
      nums[n++] = v;
    }
    this.n = n;
  }

  private grow(needed: number): void {
    let size = this.nums.length * 2;
    while (size < this.n + needed) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.nums.subarray(0, this.n));
    this.nums = grown;
  }

  private str(s: string): void {
    // A non-string would shift every later string of the table: refuse the document instead.
    if (typeof s !== 'string') throw new UnencodableDocument(`not a string: ${typeof s}`);
    // Short strings repeat (keys, statuses, dates, ids) and are shared; long ones (paths, titles) rarely do.
    if (s.length > 24) {
      this.num(this.strs.length);
      this.strs.push(s);
      return;
    }
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strs.length;
      this.strs.push(s);
      this.index.set(s, i);
    }
    this.num(i);
  }

  private span(s: Span): void {
    this.num(s.start);
    this.num(s.end);
  }

  private located(l: Located<string>): void {
    this.str(l.value);
    this.span(l.span);
  }

  private locatedList(list: readonly Located[]): void {
    this.num(list.length);
    for (const l of list) this.located(l);
  }

  /**
   * Appends a document; returns where it starts. Throws UnencodableDocument, having appended nothing,
   * when the document holds a value of the wrong type: such a document is not cached.
   */
  add(d: ParsedDocument): number {
    const at = this.n;
    const strings = this.strs.length;
    try {
      return this.append(d);
    } catch (e) {
      this.n = at;
      for (const s of this.strs.splice(strings)) if (this.index.get(s) !== undefined && (this.index.get(s) as number) >= strings) this.index.delete(s);
      throw e instanceof UnencodableDocument ? e : new UnencodableDocument(String(e));
    }
  }

  private append(d: ParsedDocument): number {
    const at = this.n;
    let rest: Record<string, unknown> | undefined;
    for (const key of Object.keys(d)) {
      if (!KNOWN_KEYS.has(key)) (rest ??= {})[key] = (d as unknown as Record<string, unknown>)[key];
    }
    const flags =
      (d.frontmatter ? F_FRONTMATTER : 0) |
      (d.id ? F_ID : 0) |
      (d.type ? F_TYPE : 0) |
      (d.title ? F_TITLE : 0) |
      (d.owner ? F_OWNER : 0) |
      (d.status ? F_STATUS : 0) |
      (d.lastReviewed ? F_LAST_REVIEWED : 0) |
      (d.reviewCycle ? F_REVIEW_CYCLE : 0) |
      (d.frequency ? F_FREQUENCY : 0) |
      (d.problems.length > 0 ? F_PROBLEMS : 0) |
      (d.words ? F_WORDS : 0) |
      (d.series ? F_SERIES : 0) |
      (d.nextReview ? F_NEXT_REVIEW : 0) |
      (d.approver ? F_APPROVER : 0) |
      (d.mappingRows ? F_ROWS : 0) |
      (d.ownMappings ? F_OWN : 0) |
      (d.references ? F_REFERENCES : 0) |
      (d.vendor ? F_VENDOR : 0) |
      (d.placeholders ? F_PLACEHOLDERS : 0) |
      (d.risk ? F_RISK : 0) |
      (d.assessment ? F_ASSESSMENT : 0) |
      (rest ? F_REST : 0);
    this.str(d.path);
    this.num(d.length);
    this.num(flags);
    const format = FORMATS.indexOf(d.format);
    if (format === -1) throw new UnencodableDocument(`unknown format: ${String(d.format)}`);
    this.num(format);
    this.ints(d.lineStarts);
    if (d.frontmatter) {
      this.span(d.frontmatter.span);
      this.span(d.frontmatter.anchor);
      this.num(d.frontmatter.insertAt);
      this.num(d.frontmatter.ok ? 1 : 0);
    }
    this.num(d.fields.length);
    for (const f of d.fields) {
      this.str(f.field);
      this.str(f.key);
      this.span(f.keySpan);
      this.span(f.valueSpan);
    }
    if (d.id) this.located(d.id);
    if (d.type) this.located(d.type);
    if (d.title) this.located(d.title);
    if (d.owner) this.located(d.owner);
    if (d.status) this.located(d.status);
    this.locatedList(d.criteria);
    this.locatedList(d.policies);
    this.locatedList(d.controls);
    if (d.lastReviewed) this.located(d.lastReviewed);
    if (d.reviewCycle) {
      this.num(d.reviewCycle.value.years);
      this.num(d.reviewCycle.value.months);
      this.num(d.reviewCycle.value.days);
      this.span(d.reviewCycle.span);
      this.str(d.reviewCycle.text);
    }
    if (d.frequency) this.located(d.frequency);
    this.num(d.evidence.length);
    for (const e of d.evidence) {
      this.num(
        (e.source === 'body' ? E_BODY : 0) |
          (e.kind === 'url' ? E_URL : 0) |
          (e.date !== undefined ? E_DATE : 0) |
          (e.dateFrom === 'field' ? E_FROM_FIELD : 0) |
          (e.dateFrom === 'path' ? E_FROM_PATH : 0) |
          (e.fromRoot ? E_FROM_ROOT : 0) |
          (e.dateSpan ? E_DATE_SPAN : 0),
      );
      this.str(e.target);
      this.span(e.span);
      if (e.date !== undefined) this.str(e.date);
      if (e.dateSpan) this.span(e.dateSpan);
    }
    for (const field of LIST_FIELDS) {
      const shape = d.lists[field];
      if (!shape) {
        this.num(0);
        continue;
      }
      this.num(shape.itemPrefix !== undefined ? 3 : 1);
      this.num(shape.flow ? 1 : 0);
      this.span(shape.span);
      if (shape.itemPrefix !== undefined) this.str(shape.itemPrefix);
    }
    // Rare and irregular: problems (with their fixes), word counts and unknown keys go as JSON.
    if (d.problems.length > 0) this.str(JSON.stringify(d.problems));
    if (d.words) this.str(JSON.stringify(d.words));
    if (d.series) this.locatedList(d.series);
    if (d.nextReview) this.located(d.nextReview);
    if (d.approver) this.located(d.approver);
    if (d.mappingRows) {
      this.num(d.mappingRows.length);
      for (const r of d.mappingRows) {
        this.num(r.table);
        this.num((r.mappingHeading ? 1 : 0) | (r.unknown ? 2 : 0));
        this.locatedList(r.criteria);
        this.locatedList(r.links);
        this.locatedList(r.names);
        if (r.unknown) this.locatedList(r.unknown);
      }
    }
    if (d.ownMappings) {
      // Each is the document's own: `from` is its path.
      this.num(d.ownMappings.length);
      for (const m of d.ownMappings) {
        this.str(m.id);
        this.span(m.span);
      }
    }
    // Vendors are few and their record is nested: it goes as JSON.
    if (d.vendor) this.str(JSON.stringify(d.vendor));
    if (d.placeholders) this.locatedList(d.placeholders);
    // Risks and assessments are few and nested, like vendors: JSON.
    if (d.risk) this.str(JSON.stringify(d.risk));
    if (d.assessment) this.str(JSON.stringify(d.assessment));
    if (rest) this.str(JSON.stringify(rest));
    this.count++;
    return at;
  }

  finish(): EncodedDocuments {
    return { nums: this.nums.slice(0, this.n), strs: this.strs, count: this.count };
  }
}

// The decoder's cursor: module state rather than closures, as it runs ten thousand times per load.
let N: Int32Array = new Int32Array(0);
let S: readonly string[] = [];
let I = 0;

/** A run that does not hold what the layout says: from a damaged cache, never from the encoder. */
export class CorruptDocuments extends Error {}

function int(): number {
  if (I >= N.length) throw new CorruptDocuments('the run ends early');
  return N[I++];
}

/** A count of items still to come, each taking at least one integer. */
function count(): number {
  const n = int();
  if (n < 0 || n > N.length - I) throw new CorruptDocuments(`bad count ${n}`);
  return n;
}

function span(): Span {
  const start = int();
  return { start, end: int() };
}

function str(): string {
  const s = S[int()];
  if (typeof s !== 'string') throw new CorruptDocuments('bad string index');
  return s;
}

function located<T extends string>(): Located<T> {
  const value = str() as T;
  return { value, span: span() };
}

function locatedList(): Located[] {
  const n = count();
  const out: Located[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = located();
  return out;
}

/**
 * Rebuilds the document that starts at `at`, with its keys in the order the parser writes them.
 * `fromWorker`: the run was encoded by this process's own worker a moment ago, not read from disk,
 * so the checks for a damaged cache file are skipped (the decoder's own bounds checks still apply).
 */
export function decodeDocument(batch: EncodedDocuments, at: number, fromWorker = false): ParsedDocument {
  N = batch.nums;
  S = batch.strs;
  I = at;
  const path = str();
  const length = int();
  const flags = int();
  const format = FORMATS[int()];
  if (format === undefined) throw new CorruptDocuments('bad format');
  const lineCount = count();
  const lineStarts: number[] = new Array(lineCount);
  for (let k = 0; k < lineCount; k++) lineStarts[k] = int();
  // Built key by key, in the parser's order, so that the rebuilt document is indistinguishable.
  const d: Record<string, unknown> = { path, length, lineStarts, format };
  if (flags & F_FRONTMATTER) {
    const fmSpan = span();
    const anchor = span();
    const insertAt = int();
    d.frontmatter = { span: fmSpan, anchor, insertAt, ok: int() === 1 };
  }
  const fieldCount = count();
  const fields: FieldSite[] = new Array(fieldCount);
  for (let k = 0; k < fieldCount; k++) {
    const field = str();
    const key = str();
    const keySpan = span();
    fields[k] = { field, key, keySpan, valueSpan: span() };
  }
  d.fields = fields;
  if (flags & F_ID) d.id = located();
  if (flags & F_TYPE) d.type = located<DocumentType>();
  if (flags & F_TITLE) d.title = located();
  if (flags & F_OWNER) d.owner = located();
  if (flags & F_STATUS) d.status = located<DocumentStatus>();
  d.criteria = locatedList();
  d.policies = locatedList();
  d.controls = locatedList();
  if (flags & F_LAST_REVIEWED) d.lastReviewed = located();
  if (flags & F_REVIEW_CYCLE) {
    const years = int();
    const months = int();
    const days = int();
    const cycleSpan = span();
    d.reviewCycle = { value: { years, months, days }, span: cycleSpan, text: str() };
  }
  if (flags & F_FREQUENCY) d.frequency = located<Frequency>();
  const evidenceCount = count();
  const evidence: EvidenceLink[] = new Array(evidenceCount);
  for (let k = 0; k < evidenceCount; k++) {
    const bits = int();
    const target = str();
    const linkSpan = span();
    const link: { -readonly [K in keyof EvidenceLink]: EvidenceLink[K] } = { source: bits & E_BODY ? 'body' : 'frontmatter', target, kind: bits & E_URL ? 'url' : 'path', span: linkSpan };
    if (bits & E_DATE) link.date = str();
    if (bits & E_FROM_FIELD) link.dateFrom = 'field';
    else if (bits & E_FROM_PATH) link.dateFrom = 'path';
    if (bits & E_FROM_ROOT) link.fromRoot = true;
    if (bits & E_DATE_SPAN) link.dateSpan = span();
    evidence[k] = link;
  }
  d.evidence = evidence;
  const lists: Partial<Record<ListField, ListShape>> = {};
  for (const field of LIST_FIELDS) {
    const present = int();
    if (present === 0) continue;
    const flow = int() === 1;
    const shapeSpan = span();
    lists[field] = present === 3 ? { flow, span: shapeSpan, itemPrefix: str() } : { flow, span: shapeSpan };
  }
  d.lists = lists;
  d.problems = flags & F_PROBLEMS ? (JSON.parse(str()) as RawFinding[]) : [];
  if (flags & F_WORDS) d.words = JSON.parse(str()) as Record<string, number>;
  if (flags & F_SERIES) d.series = locatedList();
  if (flags & F_NEXT_REVIEW) d.nextReview = located();
  if (flags & F_APPROVER) d.approver = located();
  if (flags & F_ROWS) {
    const n = count();
    const rows: MappingRow[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const table = int();
      const bits = int();
      if (bits < 0 || bits > 3) throw new CorruptDocuments('bad row flags');
      const mappingHeading = (bits & 1) === 1;
      const criteria = locatedList();
      const links = locatedList();
      const names = locatedList();
      rows[k] = bits & 2 ? { table, criteria, links, names, mappingHeading, unknown: locatedList() } : { table, criteria, links, names, mappingHeading };
    }
    d.mappingRows = rows;
  }
  if (flags & F_OWN) {
    const n = count();
    const own: TableMapping[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const id = str();
      own[k] = { id, from: path, span: span() };
    }
    d.ownMappings = own;
  }
  if (flags & F_REFERENCES) d.references = true;
  if (flags & F_VENDOR) d.vendor = JSON.parse(str()) as VendorRecord;
  if (flags & F_PLACEHOLDERS) d.placeholders = locatedList();
  if (flags & F_RISK) d.risk = JSON.parse(str()) as RiskRecord;
  if (flags & F_ASSESSMENT) d.assessment = JSON.parse(str()) as AssessmentRecord;
  if (flags & F_REST) {
    const rest: unknown = JSON.parse(str());
    if (!isRecord(rest)) throw new CorruptDocuments('bad extra keys');
    // Defined, not assigned: a key `__proto__` must not become the document's prototype.
    for (const [k, v] of Object.entries(rest)) if (!KNOWN_KEYS.has(k)) Object.defineProperty(d, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  if (!fromWorker) checkDocument(d);
  return d as unknown as ParsedDocument;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Throws CorruptDocuments unless a rebuilt document has the shape the parser gives: every span inside
 * its text, lines in order, problems and fixes with the fields the rules read. What the integer run
 * cannot get wrong (strings are strings, counts fit) the decoder has already checked.
 */
function checkDocument(d: Record<string, unknown>): void {
  const length = d.length as number;
  const bad = (what: string): never => {
    throw new CorruptDocuments(`${String(d.path)}: bad ${what}`);
  };
  if (length < 0) bad('length');
  const inside = (s: unknown, what: string): void => {
    if (!isRecord(s) || !Number.isInteger(s.start) || !Number.isInteger(s.end) || (s.start as number) < 0 || (s.start as number) > (s.end as number) || (s.end as number) > length) bad(what);
  };
  const lineStarts = d.lineStarts as number[];
  if (lineStarts.length === 0 || lineStarts[0] !== 0) bad('line starts');
  for (let k = 1; k < lineStarts.length; k++) if (!(lineStarts[k] > lineStarts[k - 1] && lineStarts[k] <= length)) bad('line starts');
  const fm = d.frontmatter as { span: Span; anchor: Span; insertAt: number } | undefined;
  if (fm) {
    inside(fm.span, 'frontmatter');
    inside(fm.anchor, 'frontmatter anchor');
    inside({ start: fm.insertAt, end: fm.insertAt }, 'frontmatter insertAt');
  }
  for (const f of d.fields as FieldSite[]) {
    inside(f.keySpan, 'field key');
    inside(f.valueSpan, 'field value');
  }
  for (const key of ['id', 'type', 'title', 'owner', 'status', 'lastReviewed', 'reviewCycle', 'frequency']) if (d[key] !== undefined) inside((d[key] as Located<unknown>).span, key);
  for (const key of ['criteria', 'policies', 'controls']) for (const l of d[key] as Located[]) inside(l.span, key);
  for (const e of d.evidence as EvidenceLink[]) {
    inside(e.span, 'evidence');
    if (e.dateSpan) inside(e.dateSpan, 'evidence');
  }
  for (const shape of Object.values(d.lists as Record<string, ListShape>)) inside(shape.span, 'list');
  if (!Array.isArray(d.problems)) bad('problems');
  for (const p of d.problems as unknown[]) {
    if (!isRecord(p) || typeof p.code !== 'string' || typeof p.message !== 'string') bad('problem');
    const problem = p as Record<string, unknown>;
    inside(problem.span, 'problem');
    if (problem.data !== undefined && (!isRecord(problem.data) || Object.values(problem.data).some((v) => typeof v !== 'string'))) bad('problem data');
    if (problem.fixes === undefined) continue;
    if (!Array.isArray(problem.fixes)) bad('fixes');
    for (const fix of problem.fixes as unknown[]) {
      if (!isRecord(fix) || typeof fix.title !== 'string' || !Array.isArray(fix.changes)) bad('fix');
      for (const c of (fix as { changes: unknown[] }).changes) {
        if (!isRecord(c) || typeof c.path !== 'string') bad('fix change');
        const change = c as Record<string, unknown>;
        if (change.kind === 'create' ? typeof change.content !== 'string' : change.kind !== 'edit' || !Array.isArray(change.edits)) bad('fix change');
        if (change.kind === 'edit') for (const e of change.edits as unknown[]) if (!isRecord(e) || typeof e.newText !== 'string' || !isRecord(e.span)) bad('fix edit');
      }
    }
  }
  if (d.words !== undefined && (!isRecord(d.words) || Object.values(d.words).some((v) => typeof v !== 'number'))) bad('word counts');
  for (const key of ['nextReview', 'approver']) if (d[key] !== undefined) inside((d[key] as Located<unknown>).span, key);
  for (const l of (d.series as Located[] | undefined) ?? []) inside(l.span, 'series');
  for (const l of (d.placeholders as Located[] | undefined) ?? []) inside(l.span, 'placeholder');
  for (const m of (d.ownMappings as TableMapping[] | undefined) ?? []) inside(m.span, 'own mapping');
  for (const r of (d.mappingRows as MappingRow[] | undefined) ?? []) for (const l of [...r.criteria, ...r.links, ...r.names]) inside(l.span, 'mapping row');
  if (d.vendor !== undefined) checkVendor(d.vendor, inside, bad);
  if (d.risk !== undefined) checkRisk(d.risk, inside, bad);
  if (d.assessment !== undefined) checkAssessment(d.assessment, inside, bad);
}

/** A risk record as the parser builds it: scores are whole numbers, every span inside the text. */
function checkRisk(v: unknown, inside: (s: unknown, what: string) => void, bad: (what: string) => never): void {
  if (!isRecord(v)) bad('risk');
  const rec = v as Record<string, unknown>;
  const located = (l: unknown, what: string, kind: 'string' | 'number' = 'string'): void => {
    if (l === undefined) return;
    if (!isRecord(l) || (kind === 'number' ? !Number.isSafeInteger(l.value) : typeof l.value !== 'string')) bad(what);
    inside((l as Record<string, unknown>).span, what);
  };
  located(rec.category, 'risk category');
  located(rec.treatment, 'risk treatment');
  for (const key of ['inherent', 'residual']) {
    const score = rec[key];
    if (score === undefined) continue;
    if (!isRecord(score)) bad(`risk ${key}`);
    const sc = score as Record<string, unknown>;
    inside(sc.span, `risk ${key}`);
    located(sc.likelihood, `risk ${key} likelihood`, 'number');
    located(sc.impact, `risk ${key} impact`, 'number');
  }
  if (rec.acceptance !== undefined) {
    if (!isRecord(rec.acceptance)) bad('risk acceptance');
    const a = rec.acceptance as Record<string, unknown>;
    inside(a.span, 'risk acceptance');
    for (const key of ['by', 'date', 'expires']) located(a[key], `risk acceptance ${key}`);
  }
}

/** An assessment record: its date, and a list of risk ids. */
function checkAssessment(v: unknown, inside: (s: unknown, what: string) => void, bad: (what: string) => never): void {
  if (!isRecord(v) || !Array.isArray(v.risks)) bad('assessment');
  const rec = v as Record<string, unknown>;
  const located = (l: unknown, what: string): void => {
    if (!isRecord(l) || typeof l.value !== 'string') bad(what);
    inside((l as Record<string, unknown>).span, what);
  };
  if (rec.date !== undefined) located(rec.date, 'assessment date');
  for (const r of rec.risks as unknown[]) located(r, 'assessment risk');
}

/** A vendor record as the parser builds it: lists where lists go, every span inside the text. */
function checkVendor(v: unknown, inside: (s: unknown, what: string) => void, bad: (what: string) => never): void {
  if (!isRecord(v) || !Array.isArray(v.services) || !Array.isArray(v.assurance) || !Array.isArray(v.cuecs)) bad('vendor');
  const rec = v as Record<string, unknown>;
  const located = (l: unknown, what: string): void => {
    if (!isRecord(l) || typeof l.value !== 'string') bad(what);
    inside((l as Record<string, unknown>).span, what);
  };
  const optional = (o: Record<string, unknown>, key: string, what: string): void => {
    if (o[key] !== undefined) located(o[key], what);
  };
  const list = (l: unknown, what: string): void => {
    if (!Array.isArray(l)) bad(what);
    for (const x of l as unknown[]) located(x, what);
  };
  optional(rec, 'criticality', 'vendor criticality');
  optional(rec, 'subservice', 'vendor subservice');
  list(rec.services, 'vendor services');
  if (rec.reliesOn !== undefined) list(rec.reliesOn, 'vendor relies_on');
  if (rec.response !== undefined && rec.response !== true) bad('vendor response');
  for (const e of rec.assurance as unknown[]) {
    if (!isRecord(e)) bad('assurance entry');
    const entry = e as Record<string, unknown>;
    inside(entry.span, 'assurance entry');
    for (const key of ['type', 'periodStart', 'periodEnd', 'asOf', 'opinion', 'report']) optional(entry, key, `assurance ${key}`);
    if (entry.categories !== undefined) list(entry.categories, 'assurance categories');
    if (entry.itemPrefix !== undefined && (typeof entry.itemPrefix !== 'string' || !/^[ \t]*-[ \t]+$/.test(entry.itemPrefix))) bad('assurance item prefix');
    if (entry.bridgeLetter !== undefined) {
      if (!isRecord(entry.bridgeLetter)) bad('bridge letter');
      const letter = entry.bridgeLetter as Record<string, unknown>;
      inside(letter.span, 'bridge letter');
      for (const key of ['date', 'through', 'report']) optional(letter, key, `bridge letter ${key}`);
    }
  }
  for (const c of rec.cuecs as unknown[]) {
    if (!isRecord(c)) bad('cuec');
    const cuec = c as Record<string, unknown>;
    inside(cuec.span, 'cuec');
    optional(cuec, 'text', 'cuec text');
    list(cuec.controls, 'cuec controls');
  }
}

// ---------------------------------------------------------------------------------------------
// The persistent cache

/** SHA-256 of a file's bytes: the cache key of its parsed form. */
export function contentHash(bytes: Uint8Array): string {
  // The one-shot form skips a Hash object per file where Node has it (20.12 and later).
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', bytes, 'base64') : crypto.createHash('sha256').update(bytes).digest('base64');
}

/** Where the CLI keeps its cache when not told: the user's cache folder. */
export function defaultCacheDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'compliance-docs', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'compliance-docs');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'compliance-docs');
}

/**
 * What the parsed form depends on besides the bytes and the path: the layout, the code that parsed
 * it (the bundles' own bytes, so a rebuild with a changed parser never reads old entries), and the
 * `fields:` and `types:` of the config. Undefined when the code cannot be identified: then nothing is cached.
 */
export function cacheContext(codeFiles: readonly string[], settings: ParseSettings): string | undefined {
  const code = crypto.createHash('sha256');
  try {
    for (const f of codeFiles) code.update(fs.readFileSync(f));
  } catch {
    return undefined;
  }
  return JSON.stringify({ format: FORMAT, code: code.digest('base64'), fields: settings.fields ?? {}, types: settings.types ?? null });
}

interface StoredCache {
  readonly root: string;
  readonly context: string;
  readonly chunks: PackedDocuments[];
  readonly paths: string[];
  readonly hashes: string[];
  readonly chunkOf: Int32Array;
  readonly offsets: Int32Array;
}

interface Entry {
  readonly hash: string;
  readonly chunk: EncodedDocuments;
  readonly at: number;
}

/**
 * The parsed documents of one workspace root, by path and content hash. Loaded once, consulted while
 * indexing, and written back (atomically) when something changed.
 */
export class DocumentCache {
  private entries = new Map<string, Entry>();
  private readonly live = new Set<string>();
  /** The signature of each file hashed in this run, taken before its bytes were read (not stored). */
  private readonly signatures = new Map<string, FileSignature>();
  /** The entries this run replaced (their bytes changed), until it ends: see previous(). */
  private readonly replaced = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly root: string,
    private context: string,
  ) {}

  /**
   * Opens the cache of `root` in `dir`, a folder openCacheFolder accepted (node/cacheStore.ts): the
   * caller says once why it cannot use one.
   */
  static open(dir: string, root: string, context: string): DocumentCache {
    const file = path.join(dir, `${crypto.createHash('sha256').update(root).digest('hex').slice(0, 32)}.cache`);
    const cache = new DocumentCache(file, root, context);
    cache.load();
    return cache;
  }

  private load(): void {
    const bytes = readCacheFile(this.file);
    if (!bytes) return;
    // Past its checksum, a file can still be from a broken writer: any surprise drops the whole cache.
    try {
      const stored = v8.deserialize(bytes) as StoredCache;
      if (!isStoredCache(stored)) throw new CorruptDocuments('bad layout');
      if (stored.root !== this.root || stored.context !== this.context) return;
      const chunks = stored.chunks.map(unpackDocuments);
      for (let k = 0; k < stored.paths.length; k++) {
        const chunk = chunks[stored.chunkOf[k]];
        const at = stored.offsets[k];
        if (!chunk || at < 0 || at >= chunk.nums.length || typeof stored.paths[k] !== 'string' || typeof stored.hashes[k] !== 'string') throw new CorruptDocuments('bad entry');
        this.entries.set(stored.paths[k], { hash: stored.hashes[k], chunk, at });
      }
    } catch {
      this.drop();
    }
  }

  /** Forgets every entry and deletes the file; the next save writes a fresh one. */
  private drop(): void {
    this.entries.clear();
    dropCacheFile(this.file);
    this.changed = true;
  }

  /** The aliases changed: every entry is stale. */
  setContext(context: string): void {
    if (context === this.context) return;
    this.context = context;
    this.entries.clear();
    this.changed = true;
  }

  getContext(): string {
    return this.context;
  }

  /** The content hash an entry was made from, to be compared with the file's. */
  hashOf(rel: string): string | undefined {
    return this.entries.get(rel)?.hash;
  }

  noteSignature(rel: string, signature: FileSignature): void {
    this.signatures.set(rel, signature);
  }

  /** The signature of the file whose bytes gave the hash of its entry, when it was read in this run. */
  signatureOf(rel: string): FileSignature | undefined {
    return this.signatures.get(rel);
  }

  /** The cached document, when its bytes hash to `hash`. */
  get(rel: string, hash: string): ParsedDocument | undefined {
    const e = this.entries.get(rel);
    if (!e || e.hash !== hash) return undefined;
    return this.decode(rel, e);
  }

  /** The document as it was parsed from the bytes that hash to `hash`, when this run replaced or kept that entry. */
  previous(rel: string, hash: string): ParsedDocument | undefined {
    const e = this.replaced.get(rel)?.hash === hash ? this.replaced.get(rel) : this.entries.get(rel)?.hash === hash ? this.entries.get(rel) : undefined;
    return e && this.decode(rel, e);
  }

  private decode(rel: string, e: Entry): ParsedDocument | undefined {
    let d: ParsedDocument;
    try {
      d = decodeDocument(e.chunk, e.at);
    } catch {
      this.drop();
      return undefined;
    }
    if (d.path !== rel) {
      this.drop();
      return undefined;
    }
    this.live.add(rel);
    return d;
  }

  put(rel: string, hash: string, chunk: EncodedDocuments, at: number): void {
    const old = this.entries.get(rel);
    if (old && old.hash !== hash) this.replaced.set(rel, old);
    this.entries.set(rel, { hash, chunk, at });
    this.live.add(rel);
    this.changed = true;
  }

  /** Writes the entries of the documents used in this run, unless nothing changed. */
  /** Writes the cache when it changed; `soon`: off this thread, while the caller goes on (see writeCacheFileSoon). */
  save(options: { soon?: boolean; writer?: FileWriter } = {}): void {
    for (const rel of [...this.entries.keys()]) {
      if (!this.live.has(rel)) {
        this.entries.delete(rel);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    let entries = [...this.entries];
    // Chunks keep the documents of earlier runs that changed since: rewrite them when mostly stale.
    const stored = [...new Set(entries.map(([, e]) => e.chunk))].reduce((n, c) => n + c.count, 0);
    if (stored > 2 * entries.length + 1000) entries = compact(entries);
    const chunkIndex = new Map<EncodedDocuments, number>();
    const keptChunks: EncodedDocuments[] = [];
    const chunkOf = new Int32Array(entries.length);
    const offsets = new Int32Array(entries.length);
    entries.forEach(([, e], k) => {
      let c = chunkIndex.get(e.chunk);
      if (c === undefined) {
        c = keptChunks.length;
        keptChunks.push(e.chunk);
        chunkIndex.set(e.chunk, c);
      }
      chunkOf[k] = c;
      offsets[k] = e.at;
    });
    const data: StoredCache = { root: this.root, context: this.context, chunks: keptChunks.map(packDocuments), paths: entries.map(([p]) => p), hashes: entries.map(([, e]) => e.hash), chunkOf, offsets };
    // A cache that cannot be written only costs the next run its speed.
    const bytes = v8.serialize(data);
    // Compressed harder than a result: it is written while the rules run, and read back by every run with an edit.
    if (options.writer) void options.writer(this.file, bytes, 0, 'small').then((ok) => ok && (this.changed = false));
    else if (options.soon) writeCacheFileSoon(this.file, bytes, { squeeze: 'small', done: (ok) => ok && (this.changed = false) });
    else if (writeCacheFile(this.file, bytes, 0, 'small')) this.changed = false;
  }
}

function isStoredCache(v: unknown): v is StoredCache {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.root === 'string' &&
    typeof s.context === 'string' &&
    Array.isArray(s.chunks) &&
    s.chunks.every(isPacked) &&
    Array.isArray(s.paths) &&
    Array.isArray(s.hashes) &&
    s.chunkOf instanceof Int32Array &&
    s.offsets instanceof Int32Array &&
    s.hashes.length === s.paths.length &&
    s.chunkOf.length === s.paths.length &&
    s.offsets.length === s.paths.length
  );
}

function isPacked(v: unknown): v is PackedDocuments {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  if (!(p.nums instanceof Int32Array) || !(p.ends instanceof Int32Array) || typeof p.text !== 'string' || !Number.isInteger(p.count)) return false;
  // Each string ends where the last one did or later, and inside the text.
  let last = 0;
  for (const end of p.ends) {
    if (end < last || end > p.text.length) return false;
    last = end;
  }
  return true;
}

/** Re-encodes live entries into one fresh chunk. */
function compact(entries: ReadonlyArray<[string, Entry]>): Array<[string, Entry]> {
  const encoder = new DocumentEncoder();
  const placed: Array<[string, string, number]> = [];
  for (const [rel, e] of entries) {
    try {
      placed.push([rel, e.hash, encoder.add(decodeDocument(e.chunk, e.at))]);
    } catch {
      // Not kept: parsed again next time.
    }
  }
  const chunk = encoder.finish();
  return placed.map(([rel, hash, at]): [string, Entry] => [rel, { hash, chunk, at }]);
}
