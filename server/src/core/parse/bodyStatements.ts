// What a document with no frontmatter says about itself in its first lines: hand-written policies
// often open with `**Owner:** Operations Manager` and `**Last Reviewed:** 2026-01-20`, or a `## Owner`
// heading with the role under it. Nothing is read as a field from here (fields come from frontmatter);
// frontmatter-missing names what it found and its fix puts it in the frontmatter it writes.

import { parseWrittenDate } from '../dates';
import type { Located, Span } from '../model/types';

export interface BodyStatements {
  readonly owner?: Located;
  /** The date of the last review or approval, as YYYY-MM-DD. */
  readonly reviewed?: Located;
}

/** How far into the body the statements are looked for. */
const MAX_LINES = 40;
/** A statement is a short line: longer ones are prose (and are not handed to the patterns below). */
const MAX_LINE_LENGTH = 300;

const OWNER_LABEL = /^(?:policy |document |process |control |procedure )?owner$/;
/** Labels of the last review, most trusted first (`Review Date` is left out: it often names the next one). */
const REVIEW_LABELS: readonly RegExp[] = [
  /^(?:last reviewed|last review|last review date|date of last review|reviewed)$/,
  /^(?:approved|approval date|date approved|approved on)$/,
  /^(?:last updated|updated)$/,
  /^(?:effective|effective date)$/,
];

function reviewRank(label: string): number {
  return REVIEW_LABELS.findIndex((r) => r.test(label));
}

/** `**Owner:** X`, `**Owner**: X`, `Owner: X`, `- **Owner:** X`, `| **Owner** | X |`: the label and the value. */
const LABEL_LINE = /^ {0,3}(?:[-*+] +)?(?:\| *)?(\*\*|__)?([A-Za-z][A-Za-z ]{1,30}?)(?::\1|\1:|\1 *\||:)[ \t]*(?:\*\*|__)?[ \t]*(.*?)[ \t|]*$/;
const HEADING = /^ {0,3}#{1,6}[ \t]+([A-Za-z][A-Za-z ]{1,30}?)[ \t#]*$/;

/** Template text is no statement: `{{owner}}`, `[Owner Name]`, `<name>`, `TBD`. */
function isPlaceholder(value: string): boolean {
  return /^(?:\{\{.*\}\}|\[.*\]|<.*>|tbd|todo|n\/a|-+)$/i.test(value.trim());
}

/** The owner and review date a body states in its first lines, each at the line that states it. */
export function bodyStatements(text: string, from: number): BodyStatements | undefined {
  let owner: Located | undefined;
  let reviewed: Located | undefined;
  let reviewedRank = REVIEW_LABELS.length;
  /** A label and its value, on the line at `span`: kept when it is the owner, or a better review date. */
  const note = (label: string, value: string, span: Span): void => {
    if (value === '' || isPlaceholder(value)) return;
    if (OWNER_LABEL.test(label)) {
      if (!owner && value.length <= 80) owner = { value, span };
      return;
    }
    const rank = reviewRank(label);
    if (rank < 0 || rank >= reviewedRank) return;
    const d = parseWrittenDate(value);
    if (d) [reviewed, reviewedRank] = [{ value: d, span }, rank];
  };
  let at = from;
  // The label of a `## Owner` heading, until the line under it.
  let heading: string | undefined;
  for (let n = 0; n < MAX_LINES && at < text.length && (!owner || reviewedRank > 0); n++) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const lineEnd = end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(at, lineEnd);
    const span = { start: at, end: lineEnd };
    at = end + 1;
    if (line.trim() === '') continue;
    if (line.length > MAX_LINE_LENGTH) {
      heading = undefined;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const label = h[1].trim().toLowerCase();
      heading = OWNER_LABEL.test(label) || reviewRank(label) >= 0 ? label : undefined;
      continue;
    }
    if (heading !== undefined) {
      note(heading, line.trim(), span);
      heading = undefined;
      continue;
    }
    const m = LABEL_LINE.exec(line);
    if (m) note(m[2].trim().toLowerCase(), m[3].replace(/(?:\*\*|__)$/, '').trim(), span);
  }
  if (!owner && !reviewed) return undefined;
  return { ...(owner ? { owner } : {}), ...(reviewed ? { reviewed } : {}) };
}
