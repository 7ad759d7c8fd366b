// A document kept in several languages (`access.md` and `access.de.md`, `en/access.md` and
// `de/access.md`, `iec-31010/en.md` and `iec-31010/de.md`): the translations are one document in
// the program, and may share its id.

const LANGUAGES = 'en|de|fr|es|it|nl|pt|sv|da|no|nb|nn|fi|is|pl|cs|sk|hu|ro|bg|el|hr|sl|et|lv|lt|uk|ru|tr|ja|zh|ko|he|ar|hi|id|th|vi|ca|eu|gl';
/** A segment that is a language tag (`en`, `de-DE`, `pt_BR`, `zh-Hans`). */
const TAG = new RegExp(`^(?:${LANGUAGES}|${LANGUAGES.toUpperCase()})(?:[-_](?:[A-Za-z]{2}|[A-Z][a-z]{3}))?$`);
/** A file name that ends in a language tag (`access.de.md`, `access_en.md`, `access-de-DE.md`). */
const TAGGED_NAME = new RegExp(`[._-](?:${LANGUAGES}|${LANGUAGES.toUpperCase()})(?:[-_](?:[A-Za-z]{2}|[A-Z][a-z]{3}))?(\\.(?:md|markdown))$`);

/** The path with its language tags taken out: translations of one document have the same. */
export function withoutLanguage(path: string): string {
  const segments = path.split('/');
  const name = segments.pop() as string;
  const folders = segments.filter((s) => !TAG.test(s));
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const file = TAG.test(stem) ? (dot > 0 ? name.slice(dot) : '') : name.replace(TAGGED_NAME, '$1');
  return [...folders, file].join('/').toLowerCase();
}

/** Whether two documents are translations of one another. */
export function areTranslations(a: string, b: string): boolean {
  return a !== b && withoutLanguage(a) === withoutLanguage(b);
}
