// What a parsed document means under the current config, date and file inventory: its effective id,
// type and status, its review state, and each evidence link resolved. Rules and coverage both read
// these, so they cannot disagree about, say, whether a review is stale.

import type { ResolvedConfig } from '../config/config';
import { addPeriod, daysBetween, describePeriod, evidenceMaxAge } from '../dates';
import { dirname, resolveLinkTarget, stem, type LinkTarget } from '../paths';
import type { FileInventory, SpecialKind } from './inventory';
import type { TableMapping } from './types';
import type { DocumentStatus, DocumentType, EvidenceLink, Frequency, ParsedDocument, Period } from './types';
import { inDraftFolder, inRetiredFolder, typeFromPath } from '../parse/document';
import { inEvidenceFolder, pageCandidates } from './program';
import { vendorCycle } from './vendor';
import { supersedingVersion } from './versions';
import type { AssessmentRef } from './risk';

/** The status a document states; with none, approved, or retired under an archive or retired folder, a draft under a drafts folder. */
export function effectiveStatus(doc: ParsedDocument): DocumentStatus {
  return doc.status?.value ?? (inRetiredFolder(doc.path) ? 'retired' : inDraftFolder(doc.path) ? 'draft' : 'approved');
}

export type ReviewState =
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'future'; readonly date: string }
  | { readonly kind: 'current' | 'due-soon' | 'overdue'; readonly date: string; readonly due: string; readonly daysLeft: number };

export type EvidenceState =
  | { readonly kind: 'exists'; readonly path: string }
  | { readonly kind: 'url' }
  | { readonly kind: 'missing'; readonly path: string; readonly detail?: string; readonly notAFile?: SpecialKind; readonly throughLink?: boolean }
  | { readonly kind: 'outside'; readonly reason: string }
  /** A body link to another compliance document: a cross-reference, not evidence. */
  | { readonly kind: 'document'; readonly path: string }
  /** A body link that reads as a cross-reference (to a page, a document or a site path) and finds nothing. */
  | { readonly kind: 'broken-reference'; readonly path: string };

export interface ResolvedEvidence {
  readonly link: EvidenceLink;
  readonly state: EvidenceState;
}

export interface DocumentFacts {
  readonly path: string;
  readonly id: string;
  readonly idExplicit: boolean;
  readonly type: DocumentType;
  readonly status: DocumentStatus;
  /** A later approved version of it in its folder (`…-2025.md` beside this `…-2023.md`): this one is retired. */
  readonly supersededBy?: string;
  readonly title: string;
  /** The frontmatter exists and parsed: its fields mean something. */
  readonly readable: boolean;
  /** Approved and readable: the document counts toward coverage, and the rules read its fields. */
  readonly counts: boolean;
  /**
   * No frontmatter, not a draft or retired by its folder, and a mapping table maps it: it claims the
   * criteria the table gives it (coverage counts it like an approved policy never reviewed), while
   * no rule reads fields it does not have.
   */
  readonly claimsByTable?: true;
  readonly cycle: Period;
  readonly cycleText: string;
  readonly review: ReviewState;
  readonly frequency: Frequency;
  /** Evidence links other than cross-references to documents. */
  readonly evidence: readonly ResolvedEvidence[];
  /** Criteria that mapping tables (central, or inside the document) give this document. */
  readonly mappedBy?: readonly TableMapping[];
  /** A mapping table elsewhere links the document (to SOC 2 or to another framework's requirements). */
  readonly linkedByTable?: true;
  /** IDs the catalog lacks (`P1.0`) that mapping tables elsewhere give the document: they map nothing. */
  readonly mappedToUnknown?: readonly TableMapping[];
  /** Body links that read as cross-references to pages and find nothing (broken-link). */
  readonly brokenReferences?: readonly ResolvedEvidence[];
  /** Links that exist (files, folders) or are URLs. */
  readonly existingEvidence: number;
  /** Newest date among existing, dated evidence. */
  readonly newestEvidence?: string;
  /** Newest evidence date + the control's allowed age, and whether today is past it. */
  readonly evidenceDue?: string;
  readonly evidenceStale: boolean;
  /** For a risk: the newest approved assessment that lists it, which stands as its evidence. */
  readonly assessment?: AssessmentRef;
}

export interface FactsEnv {
  readonly config: ResolvedConfig;
  readonly today: string;
  readonly inventory: FileInventory;
  readonly isDocumentPath: (path: string) => boolean;
  /** The criteria mapping tables elsewhere give a document. */
  readonly mappedBy?: (path: string) => readonly TableMapping[] | undefined;
  /** True when a mapping table elsewhere (of SOC 2 or another framework) links the document. */
  readonly linkedByTable?: (path: string) => boolean;
  /** The IDs the catalog lacks that mapping tables elsewhere give a document. */
  readonly unknownMappedBy?: (path: string) => readonly TableMapping[] | undefined;
  /** The newest approved assessment listing a risk id. */
  readonly assessmentOf?: (riskId: string) => AssessmentRef | undefined;
  /** The status of the document at a path (undefined: no document there). */
  readonly statusAt?: (path: string) => DocumentStatus | undefined;
}

/** Where an evidence link points (its `target` read relative to the document). */
export function linkTargetOf(docPath: string, link: EvidenceLink): LinkTarget {
  // A root-relative link is read as if from a file at the root.
  const from = link.fromRoot ? ROOT_FILE : docPath;
  return plainLinkTarget(from, link.target) ?? resolveLinkTarget(from, link.target);
}

const ROOT_FILE = '_.md';

/** Targets of a document's evidence links (undefined for URLs), kept per parsed document: the index and the facts both read them. */
const documentTargets = new WeakMap<ParsedDocument, ReadonlyArray<LinkTarget | undefined>>();

export function linkTargetsOf(doc: ParsedDocument): ReadonlyArray<LinkTarget | undefined> {
  let targets = documentTargets.get(doc);
  if (!targets) documentTargets.set(doc, (targets = doc.evidence.map((link) => (link.kind === 'url' ? undefined : linkTargetOf(doc.path, link)))));
  return targets;
}

/** Letters, digits, `.`, `_`, `-` and `/`: no scheme, drive, query, fragment, escape or space to read. */
const PLAIN_TARGET = /^[A-Za-z0-9._/-]+$/;

/**
 * resolveLinkTarget for the usual relative path, without its checks for URLs, drives, UNC paths,
 * fragments and percent-encoding, none of which such a path can have. Undefined for anything else,
 * and for a path that leaves the root (resolveLinkTarget says why).
 */
export function plainLinkTarget(docPath: string, target: string): LinkTarget | undefined {
  if (!PLAIN_TARGET.test(target) || target.startsWith('//')) return undefined;
  // normalizeSegments over the folder's and the target's segments, on the string itself.
  let out = target.charCodeAt(0) === 47 ? '' : appendSegments('', dirname(docPath));
  if (out === undefined) return undefined;
  out = appendSegments(out, target);
  return out === undefined || out === '' ? undefined : { kind: 'path', path: out };
}

/** `path` with the `/`-separated segments of `more` applied: `.` and empty ones skipped, `..` going up; undefined above the root. */
function appendSegments(path: string, more: string): string | undefined {
  let out = path;
  for (let i = 0; i <= more.length; ) {
    let j = more.indexOf('/', i);
    if (j === -1) j = more.length;
    const n = j - i;
    if (n === 0 || (n === 1 && more.charCodeAt(i) === 46)) {
      // '' or '.'
    } else if (n === 2 && more.charCodeAt(i) === 46 && more.charCodeAt(i + 1) === 46) {
      if (out === '') return undefined;
      const k = out.lastIndexOf('/');
      out = k === -1 ? '' : out.slice(0, k);
    } else out = out === '' ? more.slice(i, j) : `${out}/${more.slice(i, j)}`;
    i = j + 1;
  }
  return out;
}

// Thousands of documents share a handful of cycles and review dates: date arithmetic is memoised.
const cycleTexts = new Map<string, string>();
const periodEnds = new Map<string, string>();

const dayCounts = new Map<string, number>();
let dayCountsFrom = '';

function daysFrom(today: string, date: string): number {
  if (today !== dayCountsFrom || dayCounts.size > 50_000) {
    dayCounts.clear();
    dayCountsFrom = today;
  }
  let days = dayCounts.get(date);
  if (days === undefined) dayCounts.set(date, (days = daysBetween(today, date)));
  return days;
}

function cycleTextOf(p: Period): string {
  const key = `${p.years},${p.months},${p.days}`;
  let text = cycleTexts.get(key);
  if (text === undefined) cycleTexts.set(key, (text = describePeriod(p)));
  return text;
}

function periodEnd(iso: string, p: Period): string {
  const key = `${iso},${p.years},${p.months},${p.days}`;
  let end = periodEnds.get(key);
  if (end === undefined) {
    if (periodEnds.size > 50_000) periodEnds.clear();
    periodEnds.set(key, (end = addPeriod(iso, p)));
  }
  return end;
}

export function effectiveId(doc: ParsedDocument): string {
  return doc.id?.value ?? stem(doc.path);
}

export function effectiveType(doc: ParsedDocument): DocumentType {
  return doc.type?.value ?? typeFromPath(doc.path) ?? 'narrative';
}

export function deriveFacts(doc: ParsedDocument, env: FactsEnv): DocumentFacts {
  const fromTables = env.mappedBy?.(doc.path);
  const unknownMapped = env.unknownMappedBy?.(doc.path);
  const own = doc.ownMappings;
  const mappedBy = fromTables && own ? [...own, ...fromTables.filter((m) => !own.some((o) => o.id === m.id))] : (own ?? fromTables);
  const readable = doc.frontmatter?.ok === true;
  const type = effectiveType(doc);
  const stated = effectiveStatus(doc);
  // An approved version that a later approved version in its folder replaces is no longer in force.
  const supersededBy = stated === 'approved' && env.statusAt ? supersedingVersion(doc.path, env.inventory, env.statusAt) : undefined;
  const status: DocumentStatus = supersededBy ? 'retired' : stated;
  // A vendor's default cycle follows its criticality; every other document's is the config's.
  const vendorDefault = type === 'vendor' && !doc.reviewCycle ? vendorCycle(doc.vendor?.criticality?.value) : undefined;
  const cycle = doc.reviewCycle?.value ?? vendorDefault?.period ?? env.config.review.cycle;
  const cycleText = doc.reviewCycle ? cycleTextOf(doc.reviewCycle.value) : (vendorDefault?.text ?? env.config.review.cycleText);
  const frequency = doc.frequency?.value ?? 'annual';
  const assessment = type === 'risk' ? env.assessmentOf?.(effectiveId(doc)) : undefined;
  // An assessment is a record in time, not a document kept under review; a risk with no review date of its own was reviewed by the assessment that lists it.
  const review: ReviewState = type === 'risk-assessment' ? { kind: 'not-applicable' } : reviewState(doc, status, cycle, env, doc.lastReviewed ? undefined : assessment?.date);

  const evidence: ResolvedEvidence[] = [];
  let broken: ResolvedEvidence[] | undefined;
  let existing = 0;
  let newest: string | undefined;
  const targets = linkTargetsOf(doc);
  for (let k = 0; k < doc.evidence.length; k++) {
    const link = doc.evidence[k];
    const state = evidenceState(link, targets[k], env);
    if (state.kind === 'document') continue;
    if (state.kind === 'broken-reference') {
      (broken ??= []).push({ link, state });
      continue;
    }
    evidence.push({ link, state });
    if (state.kind === 'exists' || state.kind === 'url') {
      existing++;
      if (link.date && link.date <= env.today && (!newest || link.date > newest)) newest = link.date;
    }
  }
  const evidenceDue = newest ? periodEnd(newest, evidenceMaxAge(frequency)) : undefined;
  return {
    path: doc.path,
    id: effectiveId(doc),
    idExplicit: doc.id !== undefined,
    type,
    status,
    ...(supersededBy ? { supersededBy } : {}),
    title: doc.title?.value ?? effectiveId(doc),
    readable,
    counts: readable && status === 'approved',
    ...(doc.frontmatter === undefined && status === 'approved' && mappedBy && mappedBy.length > 0 && !doc.problems.some((p) => p.code === 'document-unreadable') ? { claimsByTable: true as const } : {}),
    cycle,
    cycleText,
    review,
    frequency,
    evidence,
    ...(mappedBy && mappedBy.length > 0 ? { mappedBy } : {}),
    ...(env.linkedByTable?.(doc.path) ? { linkedByTable: true as const } : {}),
    ...(unknownMapped && unknownMapped.length > 0 ? { mappedToUnknown: unknownMapped } : {}),
    ...(broken ? { brokenReferences: broken } : {}),
    existingEvidence: existing,
    ...(newest ? { newestEvidence: newest } : {}),
    ...(evidenceDue ? { evidenceDue } : {}),
    evidenceStale: evidenceDue !== undefined && evidenceDue < env.today,
    ...(assessment ? { assessment } : {}),
  };
}

function reviewState(doc: ParsedDocument, status: DocumentStatus, cycle: Period, env: FactsEnv, assessed?: string): ReviewState {
  const last = doc.lastReviewed?.value ?? assessed;
  if (last && last > env.today) return { kind: 'future', date: last };
  if (status !== 'approved') return { kind: 'not-applicable' };
  if (!last) return { kind: 'missing' };
  let due = periodEnd(last, cycle);
  // A stated due date earlier than the cycle's wins: the document promised that review.
  const next = doc.nextReview?.value;
  if (next !== undefined && next > last && next < due) due = next;
  const daysLeft = daysFrom(env.today, due);
  const kind = daysLeft < 0 ? 'overdue' : daysLeft <= env.config.review.dueSoonDays ? 'due-soon' : 'current';
  return { kind, date: last, due, daysLeft };
}

/**
 * A body link that names a page rather than a file of evidence: a markdown or HTML page, a folder
 * (`/security-policies/vendor/`), or a path with no extension, outside any evidence folder.
 */
function isCrossReference(path: string): boolean {
  if (inEvidenceFolder(`${path}/`)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return true;
  return /^\.(md|markdown|html?)$/i.test(name.slice(dot));
}

/**
 * The page a cross-reference names, as a site generator publishes it: the file, `X.md` for `X` or
 * `X.html`, `X/index.md`, `X/README.md`, `X/_index.md`; for a site-root link (`/base/page/`), also
 * with its first segment taken as the site's base path when that segment is not a folder of the
 * repository. `page` when it is a markdown file; `file` when the path exists as something else.
 */
function findPage(path: string, rooted: boolean, env: FactsEnv): { kind: 'page' | 'file'; path: string } | undefined {
  const tries = pageCandidates;
  const candidates: string[] = [];
  const base = env.config.links.base?.replace(/^\//, '');
  if (rooted && base !== undefined && base !== '' && path.startsWith(`${base}/`)) candidates.push(...tries(path.slice(base.length + 1)));
  else if (rooted && base !== undefined && path === base) candidates.push('index.md', 'README.md', '_index.md');
  candidates.push(...tries(path));
  const slash = path.indexOf('/');
  if (rooted && slash > 0 && env.inventory.get(path.slice(0, slash)) === undefined) candidates.push(...tries(path.slice(slash + 1)));
  else if (rooted && slash === -1 && env.inventory.get(path) === undefined) candidates.push('index.md', 'README.md', '_index.md');
  for (const c of candidates) {
    const r = env.inventory.resolve(c);
    if (r.kind === 'file') return { kind: /\.md$/i.test(r.path) ? 'page' : 'file', path: r.path };
  }
  return undefined;
}

export function resolveEvidence(docPath: string, link: EvidenceLink, env: FactsEnv): EvidenceState {
  return evidenceState(link, link.kind === 'url' ? undefined : linkTargetOf(docPath, link), env);
}

function evidenceState(link: EvidenceLink, target: LinkTarget | undefined, env: FactsEnv): EvidenceState {
  if (link.kind === 'url' || target === undefined) return { kind: 'url' };
  switch (target.kind) {
    case 'ignored':
    case 'url':
      return { kind: 'url' };
    case 'outside':
      return { kind: 'outside', reason: target.reason };
    case 'path': {
      if (link.source === 'body' && isCrossReference(target.path)) {
        const found = findPage(target.path, link.target.startsWith('/'), env);
        if (found !== undefined) {
          if (found.kind === 'page') return { kind: 'document', path: found.path };
        } else {
          const r = env.inventory.resolve(target.path);
          if (r.kind === 'outside') return { kind: 'outside', reason: `it goes through the symlink \`${r.via}\`, which points outside the repository` };
          if (r.kind !== 'file' && r.kind !== 'dir') return { kind: 'broken-reference', path: target.path };
        }
      }
      const r = env.inventory.resolve(target.path);
      if (r.kind === 'file' || r.kind === 'dir') return { kind: 'exists', path: r.path };
      if (r.kind === 'outside') return { kind: 'outside', reason: `it goes through the symlink \`${r.via}\`, which points outside the repository` };
      if (r.kind === 'loop') return { kind: 'missing', path: target.path, detail: `the symlink \`${r.via}\` loops` };
      if (r.kind === 'special') return { kind: 'missing', path: target.path, detail: `it is ${describeSpecial(r.what)}, not a file`, notAFile: r.what };
      return env.inventory.crossesLink(target.path) ? { kind: 'missing', path: target.path, throughLink: true } : { kind: 'missing', path: target.path };
    }
  }
}

/** A FIFO, socket or device, in words. */
export function describeSpecial(what: SpecialKind): string {
  return what === 'fifo' ? 'a named pipe (FIFO)' : what === 'socket' ? 'a socket' : 'a device';
}
