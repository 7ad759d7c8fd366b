import type { DocumentRule } from './rule';

export const vendorCuecUnmapped: DocumentRule = {
  scope: 'document',
  code: 'vendor-cuec-unmapped',
  defaultSeverity: 'warning',
  description: "A complementary user entity control (CUEC) of a vendor's report names none of our controls.",
  check(ctx) {
    const { doc, facts } = ctx;
    if (facts.type !== 'vendor' || !facts.counts || !doc.vendor) return;
    for (const cuec of doc.vendor.cuecs) {
      if (cuec.controls.length > 0) continue;
      ctx.report(
        cuec.text?.span ?? cuec.span,
        `No control of ours implements this CUEC${cuec.text ? ` ("${cuec.text.value.length > 60 ? `${cuec.text.value.slice(0, 57)}…` : cuec.text.value}")` : ''}. The vendor's report assumes we run it; without it, the protection its control gives does not hold. Name the controls that implement it under \`controls: [ids]\`, or add one.`,
      );
    }
  },
};
