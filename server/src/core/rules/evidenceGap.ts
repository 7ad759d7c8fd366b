import { controlSlots, missingSlots } from '../coverage/slots';
import { listWords } from '../text/words';
import { fieldOrAnchor, type DocumentRule } from './rule';

export const evidenceGap: DocumentRule = {
  scope: 'document',
  code: 'evidence-gap',
  defaultSeverity: 'warning',
  needs: 'inventory',
  description: 'Type II: an elapsed slot of the audit period (per the control frequency) has no dated evidence.',
  check(ctx) {
    const { doc, facts, config, today } = ctx;
    const period = config.audit.period;
    if (!period || facts.evidence.length === 0) return;
    const slots = controlSlots(facts, config, today);
    if (!slots) return;
    const missing = missingSlots(slots);
    if (missing.length === 0) return;
    const labels = missing.map((s) => s.label);
    const list = listWords(labels);
    const span = doc.frequency ? doc.frequency.span : fieldOrAnchor(doc, 'evidence');
    const freq = doc.frequency ? `${/^[aeiou]/.test(facts.frequency) ? 'an' : 'a'} ${facts.frequency} control` : 'a control with no `frequency` (read as annual)';
    ctx.report(span, `No dated evidence for ${list} of the audit period (${period.start} to ${period.end}). For a Type II report ${freq} needs a record from each of these; add the missing evidence with its date.`, {
      data: { slots: labels.join(',') },
    });
  },
};
