// The tables of the auditor's matrix, as plain rows of text. Markdown, CSV, HTML and xlsx all write
// these: a new table (vendors, risks) is one more entry in MATRIX_TABLES.

import type { AuditMatrix, EvidenceExistence, MatrixEvidence, MatrixState } from './matrix';
import { legendOf } from './matrix';
import type { RegisterScore } from './risks';

export interface MatrixTable {
  /** Stable key (`matrix`, `calendar`, …), used for anchors and file names. */
  readonly key: string;
  /** Heading in Markdown and HTML. */
  readonly title: string;
  /** Worksheet name in xlsx (at most 31 characters). */
  readonly sheet: string;
  readonly columns: readonly string[];
  /** Tables with no rows for this repository (a calendar in a Type I audit) are left out. */
  rows(m: AuditMatrix): string[][];
}

export function stateLabel(state: MatrixState): string {
  return legendOf(state).label;
}

const EXISTS_TEXT: Readonly<Record<EvidenceExistence, string>> = {
  exists: 'yes',
  missing: 'no',
  outside: 'not read: outside the repository',
  url: 'URL, not checked',
};

export function existsText(e: MatrixEvidence): string {
  return EXISTS_TEXT[e.exists];
}

export function dateSourceText(e: MatrixEvidence): string {
  return e.dateSource === 'recorded' ? 'recorded' : e.dateSource === 'inferred' ? 'inferred from the path' : '';
}

export const MATRIX_COLUMNS = [
  'Criterion',
  'Criterion title',
  'Criterion state',
  'Why the criterion has this state',
  'Document',
  'Document title',
  'Document type',
  'Owner',
  'Document state',
  'Why the document earns this state',
  'Last review',
  'Next review due',
  'File',
  'Evidence',
  'Evidence date',
  'Evidence date source',
  'Evidence exists',
  'Period slot filled',
] as const;

/** One row per evidence item of each mapping document; a document without evidence, or a criterion without documents, has one row of its own. */
export const matrixTable: MatrixTable = {
  key: 'matrix',
  title: 'Criteria, documents and evidence',
  sheet: 'Matrix',
  columns: MATRIX_COLUMNS,
  rows(m) {
    const out: string[][] = [];
    for (const c of m.criteria) {
      const criterion = [c.id, c.title, stateLabel(c.state), c.reason];
      if (c.documents.length === 0) out.push([...criterion, ...Array<string>(MATRIX_COLUMNS.length - criterion.length).fill('')]);
      for (const d of c.documents) {
        const doc = [d.id, d.title, d.type, d.owner ?? '', stateLabel(d.state), d.reason, d.lastReviewed ?? '', d.nextDue ?? '', d.path];
        if (d.evidence.length === 0) out.push([...criterion, ...doc, '', '', '', '', '']);
        for (const e of d.evidence) out.push([...criterion, ...doc, e.target, e.date ?? '', dateSourceText(e), existsText(e), e.slot ?? '']);
      }
    }
    return out;
  },
};

export const calendarTable: MatrixTable = {
  key: 'calendar',
  title: 'Type II period calendar',
  sheet: 'Period calendar',
  columns: ['Control', 'Control title', 'Frequency', 'Slot', 'Slot start', 'Slot end', 'Slot status', 'Evidence in the slot'],
  rows(m) {
    const out: string[][] = [];
    for (const c of m.calendar) for (const s of c.slots) out.push([c.id, c.title, c.frequency, s.label, s.start, s.end, s.status, s.evidence.join('; ')]);
    return out;
  },
};

export const notCountedTable: MatrixTable = {
  key: 'not-counted',
  title: 'Documents that count for nothing',
  sheet: 'Not counted',
  columns: ['Document', 'Document title', 'Document type', 'File', 'Why it counts for nothing'],
  rows: (m) => m.notCounted.map((d) => [d.id, d.title, d.type, d.path, d.reason]),
};

export const legendTable: MatrixTable = {
  key: 'legend',
  title: 'Legend',
  sheet: 'Legend',
  columns: ['State', 'Meaning', 'What to do'],
  rows: (m) => [
    ...m.legend.map((l) => [l.label, l.meaning, l.action]),
    ...(m.calendar.length > 0
      ? [
          ['slot filled', 'The period slot has at least one existing, dated record.', ''],
          ['slot missing', 'The slot has ended and has no record: the auditor will report an exception.', 'Add the dated evidence for the slot.'],
          ['slot not yet due', 'The slot has not ended yet.', ''],
        ]
      : []),
  ],
};

function scoreCells(s: RegisterScore | undefined): string[] {
  return s ? [String(s.likelihood), String(s.impact), String(s.score)] : ['', '', ''];
}

/** One row per risk, above tolerance first, then by residual score. */
export const riskTable: MatrixTable = {
  key: 'risks',
  title: 'Risk register',
  sheet: 'Risk register',
  columns: [
    'Risk',
    'Risk title',
    'Status',
    'Owner',
    'Category',
    'Inherent likelihood',
    'Inherent impact',
    'Inherent score',
    'Residual likelihood',
    'Residual impact',
    'Residual score',
    'Above tolerance',
    'Treatment',
    'Controls',
    'Accepted by',
    'Accepted on',
    'Acceptance expires',
    'Criteria',
    'Last assessment',
    'Assessment date',
    'File',
  ],
  rows: (m) =>
    (m.risks?.risks ?? []).map((r) => [
      r.id,
      r.title,
      r.status,
      r.owner ?? '',
      r.category ?? '',
      ...scoreCells(r.inherent),
      ...scoreCells(r.residual),
      r.residual ? (r.aboveTolerance ? `yes (tolerance ${m.risks?.tolerance ?? ''})` : 'no') : '',
      r.treatment ?? '',
      r.controls.join(', '),
      r.acceptance?.by ?? '',
      r.acceptance?.date ?? '',
      r.acceptance?.expires ? `${r.acceptance.expires}${r.acceptance.expired ? ' (expired)' : ''}` : '',
      r.criteria.join(', '),
      r.lastAssessment?.id ?? '',
      r.lastAssessment ? `${r.lastAssessment.date}${r.lastAssessment.current ? '' : ' (past the cycle)'}` : '',
      r.path,
    ]),
};

/** Every table, in the order the exports show them. */
/** The vendor register (vendorRegister.ts), one row per vendor. */
export const vendorTable: MatrixTable = {
  key: 'vendors',
  title: 'Vendor register',
  sheet: 'Vendors',
  columns: [
    'Vendor',
    'Vendor title',
    'Criticality',
    'Status',
    'Owner',
    'Services',
    'Relied on for',
    'Newest report',
    'Report period start',
    'Report period end or as of',
    'Report age (months)',
    'Opinion',
    'Categories examined',
    'Current until',
    'Bridging letter through',
    'CUECs',
    'CUECs without a control',
    'Last review',
    'Next review due',
    'Findings',
    'File',
  ],
  rows: (m) =>
    (m.vendors ?? []).map((v) => {
      const r = v.report;
      return [
        v.id,
        v.title,
        v.criticality,
        v.status,
        v.owner ?? '',
        v.services.join(', '),
        (v.reliesOn.length > 0 ? v.reliesOn : ['security']).join(', '),
        r ? r.label : 'none recorded',
        r?.periodStart ?? '',
        r ? (r.dateKind === 'as-of' ? `as of ${r.date}` : r.date) : '',
        r ? String(r.ageMonths) : '',
        r?.opinion ?? '',
        r?.categories.join(', ') ?? '',
        r?.currentUntil ? `${r.currentUntil}${r.stale ? ' (out of date)' : ''}` : '',
        r?.bridgeThrough ?? '',
        String(v.cuecs),
        String(v.cuecsUnmapped),
        v.lastReviewed ?? '',
        v.nextDue ?? '',
        v.findings.map((f) => `${f.code} (${f.severity})`).join('; '),
        v.path,
      ];
    }),
};

export const MATRIX_TABLES: readonly MatrixTable[] = [matrixTable, calendarTable, notCountedTable, vendorTable, riskTable, legendTable];
