// Lookups keyed by text from a repository or its config. A plain object answers `constructor`,
// `__proto__` and `toString` with what it inherits; these answer only with its own keys.

/** The table's own value for the key, or undefined: never an inherited one. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
