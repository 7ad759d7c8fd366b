// The result of the last `check` of a workspace root, and what it was computed from, so that a run
// on the same inputs prints it again without parsing or indexing anything.
//
// A result is reused only when every input is the same: the code (the bundles' own bytes), the
// date checked against, the config file's name and bytes, the walk's listing (every path, its kind
// and each symlink's target, and the folders that could not be listed, which is all the rules know
// of evidence), and the bytes of every document. A document's bytes are known to be the same when
// the file's signature (size, modification and change times, inode) is the one recorded when its
// bytes were read; otherwise they are read and their hash compared with the one recorded. A file
// that changed while the recorded run was reading it (its change time falls within two seconds of
// that run's start) is never trusted on its signature.
//
// When every input but the bytes of a few documents is the same, the result is handed back as a
// previous one: the run parses those documents and keeps what they cannot have changed (cli/check.ts).

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { InventoryEntry } from '../core/model/inventory';
import type { DocumentType, Severity } from '../core/model/types';
import type { RunSummary } from '../core/model/program';
import type { LocatedFinding } from '../core/report/findings';
import { contentHash } from './cache';
import { dropCacheFile, readCacheFile, writeCacheFile, writeCacheFileSoon, type FileWriter } from './cacheStore';
import { fileSignature, readBytes, type FileSignature } from './readDocument';

/** Bumped whenever the stored layout or what the key covers changes. */
const FORMAT = 6;

/** A signature is trusted only for files last changed this long before the run that recorded it began. */
export const RACY_MS = 2000;

export interface CheckResult {
  /** The workspace rules' findings first (workspaceCount of them), then each document's, by path. */
  readonly findings: readonly LocatedFinding[];
  readonly workspaceCount: number;
  /** The severity (or 'off') of every rule code, as the config set them (SARIF lists every rule). */
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly configPath: string | undefined;
  readonly walkErrors: ReadonlyArray<{ path: string; message: string }>;
  /** What the run read: its documents and the markdown files it passed over. */
  readonly summary: RunSummary;
}

/** The inputs of a run that are not document bytes. */
export interface RunInputs {
  /** Identifies the code that checks (see cacheContext). */
  readonly code: string;
  readonly rootReal: string;
  readonly today: string;
  readonly configName: string | undefined;
  /** The config file's text as read, undefined when absent or unreadable. */
  readonly configText: string | undefined;
  readonly listing: ReadonlyArray<readonly [string, InventoryEntry]>;
  readonly walkErrors: ReadonlyArray<{ path: string; message: string }>;
  /** The repository's HEAD commit (or why history is not read): findings read history. Undefined outside git. */
  readonly history?: string;
}

/** Each document of the run: its path, the file read for it ('' when none was), and how its bytes are recognised. */
export interface DocumentInput {
  readonly rel: string;
  readonly real: string;
  /** Hash of the bytes the run read, '' when it hashed none (then only the signature identifies them). */
  readonly hash: string;
  /** Taken before the bytes were read; undefined when not known. */
  readonly signature: FileSignature | undefined;
}

/**
 * The report a run printed from its result, and what else it was made from (the format, the root as
 * written, the colours): asked for again with the same key, the same bytes are printed without
 * formatting anything.
 */
export interface RenderedReport {
  readonly key: string;
  readonly bytes: Uint8Array;
}

/** A recorded result, and a way to keep the report printed from it for the next run. */
export interface RecordedResult {
  readonly kind: 'same';
  /** The findings as objects, decoded when first asked for (a kept report needs only the tally). */
  readonly result: CheckResult;
  readonly tally: FindingTally;
  readonly configPath: string | undefined;
  readonly walkErrors: ReadonlyArray<{ path: string; message: string }>;
  readonly rendered: RenderedReport | undefined;
  /** Records `rendered` with the result (when it is not the one already kept). */
  keep(rendered: RenderedReport): void;
}

/**
 * A result recorded for the same inputs but the bytes of a few documents: the run that finds it can
 * keep what those documents cannot have changed (cli/check.ts).
 */
export interface PreviousResult {
  readonly kind: 'changed';
  readonly result: CheckResult;
  /** The documents whose bytes changed, each with the hash of the bytes the result was computed from. */
  readonly changed: ReadonlyArray<{ readonly rel: string; readonly hash: string }>;
}

/** Past this many changed documents a recorded result is not worth comparing: the run starts afresh. */
const MAX_CHANGED = 200;

interface Stored {
  readonly format: number;
  readonly key: string;
  /** Per document: its path, and the file read for it ('' when none was). */
  readonly rels: string[];
  readonly reals: string[];
  readonly hashes: string[];
  /** Four numbers per document; NaN where the signature may not be trusted. */
  readonly signatures: Float64Array;
  readonly result: StoredResult;
  readonly rendered: RenderedReport | null;
}

/**
 * How a Stored is written: the report's key and length only, its bytes following the serialized value
 * (the report is the largest part of the file, and it is not copied into the serializer's buffer).
 */
type StoredForm = Omit<Stored, 'rendered'> & { readonly rendered: { readonly key: string; readonly length: number } | null };

/**
 * The findings in columns: ten thousand small objects take several times longer to deserialize than
 * a few arrays of strings and numbers.
 */
interface StoredResult {
  readonly workspaceCount: number;
  /** Distinct paths, codes and severities. */
  readonly strings: string[];
  /** Per finding: index of its path, code and severity in `strings`. */
  readonly refs: Int32Array;
  readonly messages: string[];
  /** Per finding: start line, start character, end line, end character; -1 for no range. */
  readonly ranges: Int32Array;
  readonly severities: Record<string, Severity | 'off'>;
  readonly configPath: string | null;
  readonly walkErrors: Array<{ path: string; message: string }>;
  /** Per document: path, type, id, status and criteria joined by NUL (criteria by commas). */
  readonly documents: string[];
  /** Per skipped file: path and reason joined by NUL. */
  readonly skipped: string[];
}

function encodeResult(r: CheckResult): StoredResult {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const n = r.findings.length;
  const refs = new Int32Array(n * 3);
  const ranges = new Int32Array(n * 4).fill(-1);
  const messages: string[] = new Array(n);
  r.findings.forEach((f, k) => {
    refs[k * 3] = ref(f.path);
    refs[k * 3 + 1] = ref(f.code);
    refs[k * 3 + 2] = ref(f.severity);
    messages[k] = f.message;
    if (f.range) ranges.set([f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], k * 4);
  });
  const documents = r.summary.documents.map((d) => `${d.path}\0${d.type}\0${d.id}\0${d.status}\0${d.criteria.join(',')}`);
  const skipped = r.summary.skipped.map((x) => `${x.path}\0${x.reason}`);
  return { workspaceCount: r.workspaceCount, strings, refs, messages, ranges, severities: { ...r.severities }, configPath: r.configPath ?? null, walkErrors: r.walkErrors.map((e) => ({ ...e })), documents, skipped };
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint']);

/** How many findings of each severity, and how many are config errors: what the exit code is made of. */
export interface FindingTally {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
  readonly configErrors: number;
}

/** Checks the stored findings are what encodeResult writes (throws when not), and counts them. */
function tallyResult(s: StoredResult): FindingTally {
  const { strings, refs, messages, ranges } = s;
  if (!Array.isArray(strings) || !strings.every((x) => typeof x === 'string') || !Array.isArray(messages) || !messages.every((x) => typeof x === 'string')) throw new Error('bad strings');
  if (!(refs instanceof Int32Array) || !(ranges instanceof Int32Array) || refs.length !== messages.length * 3 || ranges.length !== messages.length * 4) throw new Error('bad columns');
  if (!refs.every((r) => r >= 0 && r < strings.length) || !ranges.every((r) => r >= -1)) throw new Error('bad references');
  if (!Number.isInteger(s.workspaceCount) || s.workspaceCount < 0 || s.workspaceCount > messages.length) throw new Error('bad workspace count');
  const severities = s.severities as unknown;
  if (typeof severities !== 'object' || severities === null || !Object.values(severities).every((v) => v === 'off' || SEVERITIES.has(v as string))) throw new Error('bad severities');
  if (s.configPath !== null && typeof s.configPath !== 'string') throw new Error('bad config path');
  if (!Array.isArray(s.walkErrors) || !s.walkErrors.every((e) => typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.message === 'string')) throw new Error('bad walk errors');
  if (!Array.isArray(s.documents) || !s.documents.every((x) => typeof x === 'string') || !Array.isArray(s.skipped) || !s.skipped.every((x) => typeof x === 'string')) throw new Error('bad summary');
  const tally = { error: 0, warning: 0, info: 0, hint: 0, configErrors: 0 };
  for (let k = 0; k < messages.length; k++) {
    const severity = strings[refs[k * 3 + 2]];
    if (!SEVERITIES.has(severity)) throw new Error('bad severity');
    tally[severity as Severity]++;
    if (severity === 'error' && strings[refs[k * 3 + 1]] === 'config-invalid') tally.configErrors++;
  }
  return tally;
}

/** The stored findings as objects; only for stored results tallyResult accepted. */
function decodeResult(s: StoredResult): CheckResult {
  const { strings, refs, messages, ranges } = s;
  const findings: LocatedFinding[] = new Array(messages.length);
  for (let k = 0; k < messages.length; k++) {
    const base = { path: strings[refs[k * 3]], code: strings[refs[k * 3 + 1]], severity: strings[refs[k * 3 + 2]] as Severity, message: messages[k] };
    findings[k] = ranges[k * 4] === -1 ? base : { ...base, range: { start: { line: ranges[k * 4], character: ranges[k * 4 + 1] }, end: { line: ranges[k * 4 + 2], character: ranges[k * 4 + 3] } } };
  }
  const documents = s.documents.map((line) => {
    const [path, type, id, status, criteria] = line.split('\0');
    return { path, type: type as DocumentType, id, status, criteria: criteria === '' ? [] : criteria.split(',') };
  });
  const skipped = s.skipped.map((line) => {
    const at = line.indexOf('\0');
    return { path: line.slice(0, at), reason: line.slice(at + 1) };
  });
  return { findings, workspaceCount: s.workspaceCount, severities: s.severities, configPath: s.configPath ?? undefined, walkErrors: s.walkErrors, summary: { documents, skipped } };
}

export function inputsKey(inputs: RunInputs): string {
  // Sorted: a walk that lists document folders first (as the first run does) lists the same entries.
  const lines = inputs.listing.map(([rel, e]) => (e.kind === 'symlink' ? `${rel}\0l\0${e.target ?? '\0'}` : `${rel}\0${e.kind === 'dir' ? 'd' : e.kind === 'special' ? `s${e.what}` : 'f'}`));
  lines.sort();
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify([FORMAT, inputs.code, inputs.rootReal, inputs.today, inputs.configName ?? null, inputs.configText ?? null, inputs.walkErrors, inputs.history ?? null]));
  h.update(lines.join('\n'));
  return h.digest('base64');
}

export function resultFile(dir: string, rootReal: string): string {
  return path.join(dir, `${crypto.createHash('sha256').update(rootReal).digest('hex').slice(0, 32)}.check`);
}

/**
 * The stored result when it was computed from these inputs and every document still has the bytes
 * it had. Documents whose signature changed but whose bytes did not get their signature refreshed in
 * the stored file, so the next run need not read them again. When only the bytes of a few documents
 * changed, the result is returned as a previous one, with those documents.
 */
export function lookupResult(file: string, inputs: RunInputs, rootAbs: string, startedAt: number): RecordedResult | PreviousResult | undefined {
  const key = inputsKey(inputs);
  // The file starts with the key it was recorded for: one recorded for other inputs is not read on.
  const bytes = readCacheFile(file, keyHead(key));
  if (!bytes) return undefined;
  let stored: Stored;
  let tally: FindingTally;
  // Past its checksum, a file can still be from a broken writer: anything unexpected drops it.
  try {
    const reader = new v8.DefaultDeserializer(bytes);
    reader.readHeader();
    const form: unknown = reader.readValue();
    if (!isStored(form)) throw new Error('bad layout');
    if (form.format !== FORMAT || form.key !== key) return undefined;
    let rendered: RenderedReport | null = null;
    if (form.rendered) {
      // The report is the rest of the file, to its last byte (a view of it, not a copy).
      const report = reader.readRawBytes(form.rendered.length);
      if (report.buffer !== bytes.buffer || report.byteOffset + report.length !== bytes.byteOffset + bytes.length) throw new Error('not the rest of the file');
      rendered = { key: form.rendered.key, bytes: report };
    }
    stored = { ...form, rendered };
    tally = tallyResult(stored.result);
  } catch {
    dropCacheFile(file);
    return undefined;
  }
  const { rels, reals, hashes, signatures } = stored;
  let refreshed = false;
  const changed: Array<{ rel: string; hash: string }> = [];
  for (let k = 0; k < reals.length; k++) {
    if (reals[k] === '') continue;
    const abs = path.join(rootAbs, reals[k]);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!st?.isFile()) return undefined;
    const sig = fileSignature(st);
    if (sig[0] === signatures[k * 4] && sig[1] === signatures[k * 4 + 1] && sig[2] === signatures[k * 4 + 2] && sig[3] === signatures[k * 4 + 3]) continue;
    if (hashes[k] === '') return undefined;
    const r = readBytes(abs, rootAbs);
    if (r.kind !== 'bytes') return undefined;
    if (contentHash(r.bytes) !== hashes[k]) {
      changed.push({ rel: rels[k], hash: hashes[k] });
      if (changed.length > MAX_CHANGED) return undefined;
      continue;
    }
    signatures.set(trusted(r.signature, startedAt), k * 4);
    refreshed = true;
  }
  // The run records its own result: the signatures refreshed here are not written first.
  if (changed.length > 0) return { kind: 'changed', result: decodeResult(stored.result), changed };
  if (refreshed) write(file, stored);
  const rendered = stored.rendered ?? undefined;
  const kept = stored.result;
  let result: CheckResult | undefined;
  return {
    kind: 'same',
    get result() {
      return (result ??= decodeResult(kept));
    },
    tally,
    configPath: kept.configPath ?? undefined,
    walkErrors: kept.walkErrors,
    rendered,
    keep(r) {
      if (rendered?.key === r.key) return;
      write(file, { ...stored, rendered: r }, true);
    },
  };
}

function isStored(v: unknown): v is StoredForm {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const r = s.rendered as Record<string, unknown> | null;
  return (
    typeof s.format === 'number' &&
    typeof s.key === 'string' &&
    Array.isArray(s.reals) &&
    s.reals.every((r) => typeof r === 'string') &&
    Array.isArray(s.rels) &&
    s.rels.length === s.reals.length &&
    s.rels.every((r) => typeof r === 'string') &&
    Array.isArray(s.hashes) &&
    s.hashes.every((h) => typeof h === 'string') &&
    s.hashes.length === s.reals.length &&
    s.signatures instanceof Float64Array &&
    s.signatures.length === s.reals.length * 4 &&
    typeof s.result === 'object' &&
    s.result !== null &&
    (r === null || (typeof r === 'object' && typeof r.key === 'string' && typeof r.length === 'number' && Number.isSafeInteger(r.length) && r.length >= 0))
  );
}

/**
 * Records the result of a run, with the report printed from it; nothing is recorded when a document's
 * bytes cannot be recognised later. `soon`: written off this thread (see writeCacheFileSoon).
 */
export function storeResult(file: string, inputs: RunInputs, rootAbs: string, documents: readonly DocumentInput[], startedAt: number, result: CheckResult, options: { rendered?: RenderedReport; soon?: boolean; writer?: FileWriter } = {}): void {
  const signatures = new Float64Array(documents.length * 4);
  const rels: string[] = [];
  const reals: string[] = [];
  const hashes: string[] = [];
  for (let k = 0; k < documents.length; k++) {
    const d = documents[k];
    let sig = d.signature;
    if (d.real !== '' && sig === undefined) {
      // Not read through the cache in this run (unreadable, or parsed after a worker failed): its
      // signature now, trusted only if the file has not changed since the run began.
      try {
        const st = fs.statSync(path.join(rootAbs, d.real), { throwIfNoEntry: false });
        if (!st?.isFile()) return;
        sig = fileSignature(st);
      } catch {
        return;
      }
    }
    const t = sig === undefined ? [Number.NaN, Number.NaN, Number.NaN, Number.NaN] : trusted(sig, startedAt);
    if (d.real !== '' && d.hash === '' && Number.isNaN(t[0])) return;
    signatures.set(t, k * 4);
    rels.push(d.rel);
    reals.push(d.real);
    hashes.push(d.hash);
  }
  write(file, { format: FORMAT, key: inputsKey(inputs), rels, reals, hashes, signatures, result: encodeResult(result), rendered: options.rendered ?? null }, options.soon, options.writer);
}

function trusted(sig: FileSignature, startedAt: number): readonly number[] {
  return sig[2] >= startedAt - RACY_MS || sig[1] >= startedAt - RACY_MS ? [Number.NaN, Number.NaN, Number.NaN, Number.NaN] : sig;
}

function write(file: string, stored: Stored, soon = false, writer?: FileWriter): void {
  // A result that cannot be recorded only costs the next run its speed.
  // The key line, then what v8.serialize would write, in one buffer (not serialized, then copied after the line).
  const ser = new v8.DefaultSerializer();
  const key = keyHead(stored.key);
  ser.writeRawBytes(key);
  ser.writeHeader();
  const { rendered } = stored;
  ser.writeValue({ ...stored, rendered: rendered ? { key: rendered.key, length: rendered.bytes.length } : null } satisfies StoredForm);
  const body = ser.releaseBuffer();
  const tail = rendered?.bytes;
  // The key line stays as it is, so a run for other inputs reads no further (readCacheFile's `wanted`).
  const head = key.length;
  if (writer) void writer(file, tail ? Buffer.concat([body, tail]) : body, head);
  else if (soon) writeCacheFileSoon(file, body, { head, ...(tail ? { tail } : {}) });
  else writeCacheFile(file, body, head, 'fast', tail);
}

/** What a result file's body starts with: the inputs key (base64, no line break), then a line break. */
function keyHead(key: string): Buffer {
  return Buffer.from(`${FORMAT}:${key}\n`, 'latin1');
}
