/**
 * A Map whose `delete` keeps the key's slot (an empty value) until empty slots outnumber the others.
 *
 * V8's Map and Set leave a deleted entry in its bucket's chain until the table is next rehashed, and a
 * table of 10,000 keys is rehashed only after thousands of deletions. Deleting a key and setting it
 * again, which is what each edit does to the entries of the edited document, adds one more dead entry
 * to the chain that every later lookup of that key walks: each cycle cost about 15 µs at 10,000 keys,
 * more with every edit of the same document. Setting the value of a slot that is already there leaves
 * no dead entry.
 *
 * Values are never undefined (undefined marks an empty slot).
 */
export class SlotMap<K, V extends NonNullable<unknown> | null> {
  private map = new Map<K, V | undefined>();
  private empty = 0;

  get size(): number {
    return this.map.size - this.empty;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.get(key) !== undefined;
  }

  set(key: K, value: V): this {
    if (this.empty > 0 && this.map.get(key) === undefined && this.map.has(key)) this.empty--;
    this.map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (this.map.get(key) === undefined) return false;
    this.map.set(key, undefined);
    this.empty++;
    // Keys that never come back (a document deleted, an id renamed) are dropped in one pass.
    if (this.empty > 64 && this.empty * 2 > this.map.size) this.compact();
    return true;
  }

  clear(): void {
    this.map.clear();
    this.empty = 0;
  }

  forEach(f: (value: V, key: K) => void): void {
    this.map.forEach((v, k) => {
      if (v !== undefined) f(v, k);
    });
  }

  *keys(): IterableIterator<K> {
    for (const [k, v] of this.map) if (v !== undefined) yield k;
  }

  *values(): IterableIterator<V> {
    for (const v of this.map.values()) if (v !== undefined) yield v;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [k, v] of this.map) if (v !== undefined) yield [k, v];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private compact(): void {
    const live = new Map<K, V | undefined>();
    this.map.forEach((v, k) => {
      if (v !== undefined) live.set(k, v);
    });
    this.map = live;
    this.empty = 0;
  }
}

/** A Set over a SlotMap: adding back a value just deleted costs what adding a new one does. */
export class SlotSet<T> {
  private readonly slots = new SlotMap<T, true>();

  get size(): number {
    return this.slots.size;
  }

  has(value: T): boolean {
    return this.slots.has(value);
  }

  add(value: T): this {
    this.slots.set(value, true);
    return this;
  }

  delete(value: T): boolean {
    return this.slots.delete(value);
  }

  clear(): void {
    this.slots.clear();
  }

  forEach(f: (value: T) => void): void {
    this.slots.forEach((_v, k) => f(k));
  }

  values(): IterableIterator<T> {
    return this.slots.keys();
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.slots.keys();
  }
}
