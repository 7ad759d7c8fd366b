// The commented compliance-docs.yml that `init` writes.

export const CONFIG_TEMPLATE = `# compliance-docs configuration. Every setting is optional; the defaults are shown.
framework: soc2

# Trust Services Categories in scope. Security (the Common Criteria CC1-CC9) is always in scope.
# Add: availability, confidentiality, processing_integrity, privacy.
categories: [security]

audit:
  type: type1                       # type1 | type2
  # A Type II audit needs its observation period, so that evidence gaps can be found:
  # period: { start: 2026-01-01, end: 2026-12-31 }

review:
  cycle: annual                     # default review cycle: annual | semiannual | quarterly | monthly | P6M ...
  due_soon_days: 30                 # warn this many days before a review is due

documents:
  # With no include, a document is a markdown file under a folder named policies, procedures,
  # controls, standards, plans, narratives, vendors or risks, or one whose frontmatter has compliance keys.
  # include: ["policies/**/*.md", "controls/**/*.md"]
  exclude: ["**/README.md"]

# The risk register (risks/): likelihood and impact are 1..scale, a score is likelihood × impact,
# and a residual score above the tolerance needs a treatment or an acceptance. The assessment is held on its cycle.
risk:
  scale: 5
  tolerance: 9
  assessment_cycle: annual

# Criteria scoped out of the audit, each with the reason an auditor will ask for.
# not_applicable:
#   CC6.4: "No offices or data centres; all hosting is with an audited cloud provider"

# Severity overrides per rule: error | warning | info | hint | off
# rules:
#   missing-owner: warning

# Read repositories written for other tools: for each field, the keys that may hold it.
# fields:
#   last_reviewed: [last_reviewed, last_updated, approval_date]

# Types by path glob or by the value of type/doc_type/kind; a document's own \`type: policy\` still wins.
# types:
#   "handbook/runbooks/**": procedure
#   Register: policy
`;
