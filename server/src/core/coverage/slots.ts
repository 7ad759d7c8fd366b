// The slots of a Type II observation period a control's evidence fills. The evidence-gap rule, the
// coverage states and the auditor's matrix all read this one function, so they cannot disagree about
// which quarter or month a record counts for.

import { observationPeriod, type ResolvedConfig } from '../config/config';
import { periodSlots, type Slot } from '../dates';
import type { DocumentFacts } from '../model/facts';

export interface FilledSlot extends Slot {
  /** The slot ended before today: a record for it is due. */
  readonly elapsed: boolean;
  /** Indexes into `facts.evidence` of the existing, dated records that fall in the slot. */
  readonly evidence: readonly number[];
}

/** Existing evidence (a file, a folder or a URL) with a date: what can fill a slot. */
export function fillsSlots(e: DocumentFacts['evidence'][number]): boolean {
  return (e.state.kind === 'exists' || e.state.kind === 'url') && e.link.date !== undefined;
}

/**
 * The period's slots for an approved control in a type2 audit, each with the evidence that fills it;
 * undefined for anything else (type1, no period, not a control, a draft). Evidence dated outside the
 * period, or after today, falls in no slot.
 */
export function controlSlots(facts: DocumentFacts, config: ResolvedConfig, today: string): FilledSlot[] | undefined {
  const period = observationPeriod(config);
  if (!period || !facts.counts || facts.type !== 'control') return undefined;
  const slots = periodSlots(period.start, period.end, facts.frequency);
  // Built field by field, and empty slots share one list: every control of a type2 repository comes here.
  const filled: Array<number[] | undefined> = new Array<number[] | undefined>(slots.length);
  const evidence = facts.evidence;
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i];
    // A record dated after today has not happened yet (future-evidence-date says so): it fills nothing.
    if (!fillsSlots(e) || (e.link.date as string) > today) continue;
    const k = slotIndex(slots, e.link.date as string);
    if (k !== -1) (filled[k] ??= []).push(i);
  }
  const out: FilledSlot[] = new Array<FilledSlot>(slots.length);
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k];
    out[k] = { start: s.start, end: s.end, label: s.label, elapsed: s.end < today, evidence: filled[k] ?? NONE };
  }
  return out;
}

const NONE: readonly number[] = Object.freeze([]);

/** The index of the slot holding a date, or -1 when it is outside the period. */
export function slotIndex(slots: readonly Slot[], date: string): number {
  for (let k = 0; k < slots.length; k++) if (date >= slots[k].start && date <= slots[k].end) return k;
  return -1;
}

/** Elapsed slots with no record: what the evidence-gap rule reports. */
export function missingSlots(slots: readonly FilledSlot[]): FilledSlot[] {
  return slots.filter((s) => s.elapsed && s.evidence.length === 0);
}
