/**
 * Work that outlives its HTTP response (Slack answers posted after the ack, quiz posts): shutdown waits for it
 * before closing the store, so nothing acknowledged is dropped.
 */
export interface Inflight {
  /** Registers work; returns the same promise. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves when nothing is tracked (at once if nothing is). */
  idle(): Promise<void>;
}

export function createInflight(): Inflight {
  const pending = new Set<Promise<unknown>>();
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (pending.size > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  return {
    track(work) {
      const p = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(p);
      void p.then(() => {
        pending.delete(p);
        settle();
      });
      return work;
    },
    get size() {
      return pending.size;
    },
    idle() {
      if (pending.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
