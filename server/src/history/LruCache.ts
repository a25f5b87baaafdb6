/**
 * A small least-recently-used cache: a Map keeps insertion order, so the first key is the oldest.
 * Bounded by a number of entries and, when given a weight per entry, by their total weight (so
 * a few states of huge maps cannot hold as much memory as many small ones).
 */
export class LruCache<K, V> {
  private readonly items = new Map<K, { value: V; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 0,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: K): V | undefined {
    const item = this.items.get(key);
    if (item === undefined) return undefined;
    this.items.delete(key);
    this.items.set(key, item);
    return item.value;
  }

  set(key: K, value: V): void {
    this.remove(key);
    const weight = this.weigh(value);
    this.items.set(key, { value, weight });
    this.totalWeight += weight;
    // The newest entry stays even when it alone is over the weight: it is about to be used.
    while (this.items.size > 1 && (this.items.size > this.capacity || this.totalWeight > this.maxWeight)) {
      this.remove(this.items.keys().next().value as K);
    }
  }

  private remove(key: K): void {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    this.totalWeight -= item.weight;
  }

  clear(): void {
    this.items.clear();
    this.totalWeight = 0;
  }

  get weight(): number {
    return this.totalWeight;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [key, item] of this.items) yield [key, item.value];
  }
}
