// `BENCH_ONLY=mixed npm run bench:http`: RSS over BENCH_MIXED_REQUESTS (100,000) mixed requests after a
// warm-up, on the two kinds of server a deployment runs: Slack mode (signed slash commands and events, and
// playground asks beside them) and local mode (Teams activities and playground asks; the unauthenticated
// Teams endpoint exists only there). Target: growth < 20 MB after warm-up.
//
// BENCH_MIXED_ROUNDS (1) repeats the measured run, printing RSS after each: growth that stops is a plateau
// (heap and allocator settling), growth that goes on is a leak. BENCH_MIXED_SNAPSHOTS=1 writes a V8 heap
// snapshot (which collects garbage first) after the warm-up and after the last round, and prints the
// constructors whose retained self size grew most (http-heap.ts).

import { readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import type { Fakes } from "./http-fakes.js";
import { heapGrowth, takeSnapshot } from "./http-heap.js";
import {
  appMention,
  BOT_TOKEN,
  type Built,
  playgroundAsk,
  SIGNING_SECRET,
  slashCommand,
  teamsMessage,
} from "./http-payloads.js";
import { type BenchServer, startBenchServer } from "./http-server.js";

const REQUESTS = Number(process.env.BENCH_MIXED_REQUESTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_MIXED_ROUNDS ?? 1);
const WARMUP_REQUESTS = Number(process.env.BENCH_MIXED_WARMUP ?? 30_000);
const SNAPSHOTS = process.env.BENCH_MIXED_SNAPSHOTS === "1";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET_MB = 20;
/** Which servers: slack, local (both by default). */
const SERVERS = new Set((process.env.BENCH_MIXED_SERVERS ?? "slack,local").split(","));

type Log = (line?: string) => void;
type Request = Built & { path: string };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Open file descriptors (sockets included) of the server. */
const fds = (s: BenchServer) => readdirSync(`/proc/${s.pid}/fd`).length;

async function drive(server: BenchServer, amount: number, build: (i: number) => Request, from: number) {
  let i = from;
  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    timeout: 10,
    amount,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const r = build(i++);
          return { ...req, method: "POST", path: r.path, body: r.body, headers: r.headers };
        },
      },
    ],
  });
  const result = await instance;
  return { result, next: i };
}

async function measure(
  name: string,
  server: BenchServer,
  build: (i: number) => Request,
  log: Log,
  failures: string[],
): Promise<void> {
  let next = 0;
  ({ next } = await drive(server, WARMUP_REQUESTS, build, next));
  await sleep(2000);
  const before = server.rss();
  const snap0 = SNAPSHOTS ? await takeSnapshot(server) : null;
  const rssAfterSnapshot = server.rss();
  log(`## Memory, ${name}: ${WARMUP_REQUESTS} requests of warm-up, then ${ROUNDS} × ${REQUESTS}`);
  log(
    `  RSS after warm-up: ${mb(before)}${snap0 ? ` (after the heap snapshot: ${mb(rssAfterSnapshot)})` : ""}`,
  );
  const base = snap0 ? rssAfterSnapshot : before;
  let errors = 0;
  let non2xx = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const started = Date.now();
    const r = await drive(server, REQUESTS, build, next);
    next = r.next;
    errors += r.result.errors;
    non2xx += r.result.non2xx;
    await sleep(2000);
    const rss = server.rss();
    log(
      `  round ${round}: ${REQUESTS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, errors ${r.result.errors}, non-2xx ${r.result.non2xx}; RSS ${mb(rss)} (${rss >= base ? "+" : ""}${mb(rss - base)} since warm-up), ${fds(server)} open descriptors`,
    );
  }
  // With snapshots the RSS figures are not comparable: writing a snapshot takes over 100 MB of the server's
  // own memory, which the allocator keeps. The heap diff is the measurement then.
  const growth = server.rss() - base;
  if (snap0) {
    const snap1 = await takeSnapshot(server);
    log("  heap after GC, largest growth by constructor (self size, count):");
    for (const line of heapGrowth(snap0, snap1, 8)) log(`    ${line}`);
  }
  const ok = (SNAPSHOTS || growth < TARGET_MB * 1024 * 1024) && errors === 0 && non2xx === 0;
  log(
    SNAPSHOTS
      ? `  RSS growth ${mb(growth)} (not judged: heap snapshots were taken; rerun without BENCH_MIXED_SNAPSHOTS)`
      : `  RSS growth over ${ROUNDS * REQUESTS} requests: ${mb(growth)}; target < ${TARGET_MB} MB: ${ok ? "PASS" : "FAIL"}`,
  );
  if (!ok) failures.push(`mixed memory (${name}): grew ${mb(growth)} or had errors`);
  log();
}

export async function mixedRuns(
  fakes: Fakes,
  question: (i: number) => string,
  log: Log,
  failures: string[],
): Promise<void> {
  const args = SNAPSHOTS ? ["--heapsnapshot-signal=SIGUSR2"] : [];
  if (SERVERS.has("slack")) await slackMixed(fakes, question, args, log, failures);
  if (SERVERS.has("local")) await localMixed(fakes, question, args, log, failures);
}

async function slackMixed(
  fakes: Fakes,
  q: (i: number) => string,
  args: string[],
  log: Log,
  failures: string[],
): Promise<void> {
  const slack = await startBenchServer({
    profile: false,
    extraArgs: args,
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fakes.apiUrl },
  });
  const runId = Date.now().toString(36);
  try {
    await measure(
      "Slack mode (slash commands, events, playground asks in turn)",
      slack,
      (i) =>
        i % 3 === 0
          ? { path: "/slack/events", ...slashCommand(i, q(i), `${fakes.url}/response/m${i}`) }
          : i % 3 === 1
            ? { path: "/slack/events", ...appMention(i, q(i), runId) }
            : { path: "/playground/api/ask", ...playgroundAsk(q(i)) },
      log,
      failures,
    );
  } finally {
    await slack.stop();
  }
}

async function localMixed(
  fakes: Fakes,
  q: (i: number) => string,
  args: string[],
  log: Log,
  failures: string[],
): Promise<void> {
  const local = await startBenchServer({ profile: false, extraArgs: args, env: {} });
  try {
    await measure(
      "local mode (Teams activities and playground asks in turn)",
      local,
      (i) =>
        i % 2 === 0
          ? { path: "/api/messages", ...teamsMessage(i, q(i), fakes.url) }
          : { path: "/playground/api/ask", ...playgroundAsk(q(i)) },
      log,
      failures,
    );
  } finally {
    await local.stop();
  }
}
