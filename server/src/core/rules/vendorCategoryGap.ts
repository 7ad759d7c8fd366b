import { newestSoc2Report } from '../model/vendor';
import type { DocumentRule } from './rule';

export const vendorCategoryGap: DocumentRule = {
  scope: 'document',
  code: 'vendor-category-gap',
  defaultSeverity: 'warning',
  description: "A category the vendor is relied on for (`relies_on`) is not among those its newest SOC 2 report examined.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    const reliesOn = doc.vendor?.reliesOn;
    if (!reliesOn) return;
    const entry = newestSoc2Report(doc, facts, today)?.entry;
    const examined = entry?.categories;
    // A report that does not say which categories it examined cannot be judged.
    if (!entry || !examined || examined.length === 0) return;
    for (const c of reliesOn) {
      // Security (the common criteria) is in every SOC 2 report.
      if (c.value === 'security' || examined.some((e) => e.value === c.value)) continue;
      ctx.report(
        c.span,
        `We rely on this vendor for ${c.value}, but its newest SOC 2 report examined only ${examined.map((e) => e.value).join(', ')}. Ask the vendor for a report that includes ${c.value}, or other assurance for it, and record how the gap is covered; otherwise remove ${c.value} from \`relies_on\`.`,
      );
    }
  },
};
