// The coverage states, best first, with the words and meaning every output shows for them: the
// tree, the status bar, the hover, the CLI, the report view and every export read this one legend.
// Pure data with no imports, so the editor extension can bundle it too.

export type CoverageState = 'not-applicable' | 'covered' | 'stale' | 'exception' | 'claimed' | 'claimed-stale' | 'uncovered';

export interface StateLegend {
  readonly state: CoverageState;
  readonly label: string;
  /** What the state means. */
  readonly meaning: string;
  /** What to do about it (empty when nothing needs doing). */
  readonly action: string;
}

/** Each state's rank (best first), words, meaning and remedy. Keyed by state, so a new state cannot go without its entry. */
const LEGEND: Readonly<Record<CoverageState, { readonly rank: number; readonly label: string; readonly meaning: string; readonly action: string }>> = {
  'not-applicable': {
    rank: 0,
    label: 'not applicable',
    meaning: 'Scoped out under not_applicable in compliance-docs.yml, with the justification shown.',
    action: '',
  },
  covered: {
    rank: 1,
    label: 'covered',
    meaning: 'An approved control maps it, was reviewed within its cycle, and has existing, current evidence (in a Type II audit: a record in every elapsed slot of the period).',
    action: '',
  },
  stale: {
    rank: 2,
    label: 'stale',
    meaning: "An approved control with existing evidence maps it, but the control's review or its newest evidence is out of date.",
    action: 'Review the control, or add recent evidence.',
  },
  exception: {
    rank: 3,
    label: 'exception',
    meaning: 'Type II: the best control maps it with current evidence, but an elapsed slot of the observation period has no record, which the auditor will report as an exception.',
    action: 'Add the dated evidence for the missing slot, or record why the control did not operate.',
  },
  claimed: {
    rank: 4,
    label: 'claimed',
    meaning: 'Only approved policies, procedures or narratives, controls without existing evidence, or documents with no frontmatter that a mapping table maps, map it: nothing shows the control operating.',
    action: 'Map it from a control that leaves evidence, and commit or link that evidence.',
  },
  'claimed-stale': {
    rank: 5,
    label: 'claimed (stale)',
    meaning: 'Claimed, and every document that claims it is past its review date.',
    action: 'Review the documents that claim it, and map it from a control with evidence.',
  },
  uncovered: {
    rank: 6,
    label: 'uncovered',
    meaning: 'No approved document maps it. Drafts, retired documents, documents whose frontmatter does not parse and unknown IDs count for nothing.',
    action: 'Map it from a control that addresses it, or list it under not_applicable with a justification.',
  },
};

/** Every state, best first. */
export const COVERAGE_STATES: readonly CoverageState[] = (Object.keys(LEGEND) as CoverageState[]).sort((a, b) => LEGEND[a].rank - LEGEND[b].rank);

/** One entry per state, best first; every writer draws states from this table and nothing else. */
export const STATE_LEGEND: readonly StateLegend[] = COVERAGE_STATES.map((state) => legendOf(state));

export function legendOf(state: CoverageState): StateLegend {
  const l = LEGEND[state];
  return { state, label: l.label, meaning: l.meaning, action: l.action };
}

export function stateLabel(state: CoverageState): string {
  return LEGEND[state].label;
}

/** 0 for the best state (not applicable) up to 6 for uncovered. */
export function stateRank(state: CoverageState): number {
  return LEGEND[state].rank;
}

/** The key of a state's count in a coverage summary. */
export type SummaryKey = 'covered' | 'stale' | 'exception' | 'claimed' | 'claimedStale' | 'uncovered' | 'notApplicable';

export const SUMMARY_KEY: Readonly<Record<CoverageState, SummaryKey>> = {
  'not-applicable': 'notApplicable',
  covered: 'covered',
  stale: 'stale',
  exception: 'exception',
  claimed: 'claimed',
  'claimed-stale': 'claimedStale',
  uncovered: 'uncovered',
};

/** Criteria in scope by state. `covered` out of `inScope - notApplicable` is what `7/8` means everywhere. */
export type CoverageCounts = { readonly inScope: number } & { readonly [K in SummaryKey]: number };

/** The criteria that count against coverage: in scope and not scoped out. */
export function applicableOf(s: CoverageCounts): number {
  return s.inScope - s.notApplicable;
}

/** `7/8`: covered out of in scope and not scoped out. */
export function coverageFraction(s: CoverageCounts): string {
  return `${s.covered}/${applicableOf(s)}`;
}

/** Counts of a list of criterion states, as a summary. */
export function countStates(states: readonly CoverageState[]): CoverageCounts {
  const out = { inScope: states.length, covered: 0, stale: 0, exception: 0, claimed: 0, claimedStale: 0, uncovered: 0, notApplicable: 0 };
  for (const s of states) out[SUMMARY_KEY[s]]++;
  return out;
}
