// How each coverage state looks and reads, in one place for the tree, the status bar and the report.

import * as vscode from 'vscode';
import type { CoverageStateName } from '../../../server/src/protocol';

export interface StateLook {
  readonly label: string;
  readonly icon: string;
  /** A theme colour id, so the colours follow the user's theme. */
  readonly color: string;
  /** What the state means and what to do about it. */
  readonly meaning: string;
}

export const STATE_ORDER: readonly CoverageStateName[] = ['covered', 'stale', 'claimed', 'uncovered', 'not-applicable'];

export const STATES: Readonly<Record<CoverageStateName, StateLook>> = {
  covered: {
    label: 'covered',
    icon: 'pass-filled',
    color: 'charts.green',
    meaning: 'An approved control maps it, was reviewed within its cycle, and has current evidence.',
  },
  stale: {
    label: 'stale',
    icon: 'history',
    color: 'charts.yellow',
    meaning: 'An approved control with evidence maps it, but its review or its evidence is out of date. Review the control or add recent evidence.',
  },
  claimed: {
    label: 'claimed only',
    icon: 'issue-draft',
    color: 'charts.orange',
    meaning: 'Only policies, procedures or narratives, or controls without existing evidence, map it. An auditor will ask for a control that operates and leaves evidence.',
  },
  uncovered: {
    label: 'uncovered',
    icon: 'error',
    color: 'charts.red',
    meaning: 'No approved document maps it. Map it from an existing control or create one.',
  },
  'not-applicable': {
    label: 'not applicable',
    icon: 'circle-slash',
    color: 'disabledForeground',
    meaning: 'Scoped out under not_applicable in compliance-docs.yml.',
  },
};

export function stateIcon(state: CoverageStateName): vscode.ThemeIcon {
  const look = STATES[state];
  return new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

/** A criterion needs attention unless it is covered or scoped out. */
export function isGap(state: CoverageStateName): boolean {
  return state !== 'covered' && state !== 'not-applicable';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
