import { fieldOrAnchor, type DocumentRule } from './rule';

export const staleEvidence: DocumentRule = {
  scope: 'document',
  code: 'stale-evidence',
  defaultSeverity: 'warning',
  needs: 'inventory',
  description: 'The newest evidence of a control is older than its frequency allows.',
  check(ctx) {
    const { doc, facts } = ctx;
    if (!facts.counts || facts.type !== 'control' || !facts.evidenceStale || !facts.newestEvidence) return;
    const freq = doc.frequency ? `${/^[aeiou]/.test(facts.frequency) ? 'an' : 'a'} ${facts.frequency} control` : 'a control with no `frequency` (read as annual)';
    ctx.report(fieldOrAnchor(doc, 'evidence'), `The newest evidence is from ${facts.newestEvidence}; ${freq} needs a newer record by ${facts.evidenceDue}. Add the latest record with its date.`);
  },
};
