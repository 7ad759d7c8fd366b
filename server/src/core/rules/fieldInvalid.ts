import { reportParseProblems, type DocumentRule } from './rule';

export const fieldInvalid: DocumentRule = {
  scope: 'document',
  code: 'field-invalid',
  defaultSeverity: 'error',
  description: 'A frontmatter field has the wrong type or format (a date that is not a date, criteria that is not a list, an unknown status or cycle, a risk score off the scale).',
  check(ctx) {
    reportParseProblems('field-invalid', ctx);
    const r = ctx.doc.risk;
    if (!r || (!r.inherent && !r.residual)) return;
    // The parser keeps whole numbers; the scale is the config's.
    const scale = ctx.config.risk.scale;
    for (const [name, score] of [['inherent', r.inherent], ['residual', r.residual]] as const) {
      for (const part of ['likelihood', 'impact'] as const) {
        const v = score?.[part];
        if (v && v.value > scale) {
          ctx.report(v.span, `\`${name}.${part}\` is ${v.value}, off the scale of 1 to ${scale} (\`risk.scale\` in the config${ctx.config.path ? '' : ', 5 by default'}). Score it on the scale, or change the scale for the whole register.`);
        }
      }
    }
  },
};
