/**
 * A Map that holds at most `max` entries: each set makes its key the newest, and the oldest is dropped when
 * one more would not fit. For caches and per-client state that must not grow with the number of clients.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.max) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return this;
  }
}
