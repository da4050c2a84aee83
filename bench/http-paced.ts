// An open-loop load at a fixed rate: requests evenly spaced in time (autocannon's rate limit instead lets each
// connection send its whole per-second quota back to back at the start of every second, a saturating burst),
// over at most `connections` keep-alive connections. Latency is measured from when a request was due to be
// sent, so a server (or generator) that falls behind is charged for it — no coordinated omission.

import { Agent, request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Built } from "./http-payloads.js";

export interface PacedResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Seconds from the first due time to the last response. */
  seconds: number;
  /** Per request, ms from its due time to the end of its response. */
  latencies: number[];
  /** Per request, ms from its due time to when the generator sent it: the generator's own lateness. */
  lateness: number[];
}

export async function paced(opts: {
  url: string;
  path: string;
  rate: number;
  seconds: number;
  /** Seconds at the same rate first, not counted: the connections open and the server settles at the rate. */
  warmupSeconds?: number;
  /** Called after the warm-up, just before the measured requests. */
  onMeasure?: () => void;
  connections: number;
  build: (i: number) => Built;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  try {
    if (opts.warmupSeconds) await run({ ...opts, seconds: opts.warmupSeconds }, agent);
    opts.onMeasure?.();
    return await run(opts, agent);
  } finally {
    agent.destroy();
  }
}

async function run(
  opts: { url: string; path: string; rate: number; seconds: number; build: (i: number) => Built },
  agent: Agent,
): Promise<PacedResult> {
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const lateness: number[] = [];
  const result = { sent: 0, ok: 0, non2xx: 0, errors: 0 };
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now();
  let lastEnd = t0;

  const send = (i: number, due: number) => {
    const { body, headers } = opts.build(i);
    lateness.push(performance.now() - due);
    const p = new Promise<void>((resolve) => {
      const req = request(
        `${opts.url}${opts.path}`,
        { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            const end = performance.now();
            lastEnd = Math.max(lastEnd, end);
            latencies.push(end - due);
            if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) result.ok += 1;
            else result.non2xx += 1;
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        result.errors += 1;
        resolve();
      });
      req.end(body);
    });
    result.sent += 1;
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  };

  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Everything that is due goes out now, even if the timer woke late.
    while (next < total && t0 + next * interval <= now) {
      send(next, t0 + next * interval);
      next += 1;
    }
    const wait = t0 + next * interval - performance.now();
    await sleep(Math.max(0, Math.min(wait, 5)));
  }
  await Promise.all(inFlight);
  return { ...result, seconds: (lastEnd - t0) / 1000, latencies, lateness };
}
