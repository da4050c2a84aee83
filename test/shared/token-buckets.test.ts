import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../src/shared/bounded-map.js";
import { TokenBuckets } from "../../src/shared/token-buckets.js";

describe("TokenBuckets", () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it("lets a burst through, then says how long until the next token", () => {
    const c = clock();
    const b = new TokenBuckets(2, 3, c.now);
    expect([b.take("a"), b.take("a"), b.take("a")]).toEqual([0, 0, 0]);
    expect(b.take("a")).toBeCloseTo(500);
    c.advance(500);
    expect(b.take("a")).toBe(0);
    // Each key has its own bucket.
    expect(b.take("b")).toBe(0);
  });

  it.each([
    { idleMs: 1499, kept: true },
    { idleMs: 1500, kept: false },
  ])("forgets a key idle for $idleMs ms only once it is full again ($kept)", ({ idleMs, kept }) => {
    const c = clock();
    const held = new Map();
    const b = new TokenBuckets(2, 3, c.now, held);
    b.take("a");
    c.advance(idleMs);
    b.sweep();
    expect(held.has("a")).toBe(kept);
  });

  it("holds at most the keys its map allows, the oldest starting again full", () => {
    const c = clock();
    const b = new TokenBuckets(1, 1, c.now, new BoundedMap(2));
    expect(b.take("a")).toBe(0);
    expect(b.take("b")).toBe(0);
    expect(b.take("c")).toBe(0);
    // "a" was dropped for "c", so it has a full bucket again; "c" has none left.
    expect(b.take("a")).toBe(0);
    expect(b.take("c")).toBeGreaterThan(0);
  });
});
