// How each coverage state looks and reads, in one place for the tree, the status bar and the report.

import * as vscode from 'vscode';
import { COVERAGE_STATES, legendOf } from '../../../server/src/core/coverage/states';
import type { CoverageStateName } from '../../../server/src/protocol';

export interface StateLook {
  readonly label: string;
  readonly icon: string;
  /** A theme colour id, so the colours follow the user's theme. */
  readonly color: string;
  /** What the state means and what to do about it: the legend's words. */
  readonly meaning: string;
}

/** Every state, best first (the legend's order). */
export const STATE_ORDER: readonly CoverageStateName[] = COVERAGE_STATES;

/** The icon and theme colour of each state; the words come from the one legend the exports print. */
const LOOK: Readonly<Record<CoverageStateName, { readonly icon: string; readonly color: string }>> = {
  'not-applicable': { icon: 'circle-slash', color: 'disabledForeground' },
  covered: { icon: 'pass-filled', color: 'charts.green' },
  stale: { icon: 'history', color: 'charts.yellow' },
  exception: { icon: 'warning', color: 'charts.orange' },
  claimed: { icon: 'issue-draft', color: 'charts.blue' },
  'claimed-stale': { icon: 'watch', color: 'charts.purple' },
  uncovered: { icon: 'error', color: 'charts.red' },
};

export const STATES: Readonly<Record<CoverageStateName, StateLook>> = Object.fromEntries(
  COVERAGE_STATES.map((state) => {
    const l = legendOf(state);
    return [state, { label: l.label, icon: LOOK[state].icon, color: LOOK[state].color, meaning: l.action ? `${l.meaning} ${l.action}` : l.meaning }];
  }),
) as Record<CoverageStateName, StateLook>;

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
