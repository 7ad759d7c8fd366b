import { addPeriod } from '../dates';
import { BRIDGE_AFTER, bridgeNeededThrough, isStale, newestSoc2Report } from '../model/vendor';
import type { DocumentRule } from './rule';
import { addBridgeLetterFix } from './vendorFixes';

export const vendorBridgeLetter: DocumentRule = {
  scope: 'document',
  code: 'vendor-bridge-letter',
  defaultSeverity: 'info',
  description: "A vendor's SOC 2 Type II period ended more than 6 months ago and no bridging letter covers up to 3 months before today.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    const entry = newestSoc2Report(doc, facts, today)?.entry;
    const end = entry?.periodEnd;
    if (!entry || entry.type?.value !== 'soc2-type2' || !end) return;
    // A stale report needs a new report, not a letter: vendor-report-stale says so.
    if (addPeriod(end.value, BRIDGE_AFTER) >= today || isStale(end.value, today)) return;
    const needed = bridgeNeededThrough(today);
    const letter = entry.bridgeLetter;
    if (letter?.through && letter.through.value >= needed) return;
    const span = letter?.through?.span ?? letter?.span ?? end.span;
    const has = letter?.through ? `The bridging letter covers only up to ${letter.through.value}` : 'No bridging letter is recorded';
    const fix = letter ? undefined : addBridgeLetterFix(doc, entry);
    ctx.report(
      span,
      `The SOC 2 Type II period ended ${end.value}, more than 6 months ago. ${has}; ask the vendor for one that covers the time since the period ended, up to at least ${needed}, and record it under \`bridge_letter:\` (\`{ date, through, report }\`). It is management's word, not an auditor's opinion, so it bridges the gap until the next report but does not replace it.`,
      fix ? { fixes: [fix] } : undefined,
    );
  },
};
