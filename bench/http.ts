// HTTP benchmark: `npm run bench:http`. Starts the real server (dist/src/index.js) as a child process on
// loopback with a temp SQLite file and drives it with autocannon: signed Slack slash commands, signed Slack
// events, playground asks, Slack quiz answers and (in a second, local-mode server, since the unauthenticated
// Teams endpoint is offered only without Slack credentials) Teams activities. Slack's Web API, its
// response_url endpoints and the Teams Bot Connector are an in-process fake that answers at once.
//
// Settings (environment): BENCH_DURATION seconds per scenario (10), BENCH_WARMUP seconds of slash commands
// before anything is measured (15; the JIT keeps speeding the server up for tens of thousands of requests),
// BENCH_CONNECTIONS (50),
// BENCH_RATES for the steady-rate slash-command runs (800,1000 per second), BENCH_MEMORY_REQUESTS (100000),
// BENCH_QUIZ_ANSWERS (20000), BENCH_ONLY=command,event,playground,quiz,memory,teams (all), or fanout and
// mixed, which run only when named (http-fanout.ts, http-mixed.ts),
// BENCH_PROFILE=1 writes a CPU profile of the Slack-mode server and prints where its time went.

import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon, { type Client, type Result } from "autocannon";
import BetterSqlite from "better-sqlite3";
import { loadKnowledge } from "../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../src/knowledge/paths.js";
import { type Fakes, startFakes } from "./http-fakes.js";
import { fanoutRuns } from "./http-fanout.js";
import { mixedRuns } from "./http-mixed.js";
import { paced } from "./http-paced.js";
import {
  appMention,
  BOT_TOKEN,
  type Built,
  playgroundAsk,
  quizClick,
  SIGNING_SECRET,
  signed,
  slashCommand,
  teamsMessage,
} from "./http-payloads.js";
import { printProfile, summarizeProfile } from "./http-profile.js";
import { type BenchServer, startBenchServer } from "./http-server.js";
import { generateQuestions } from "./questions.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Steady rates for slash commands; the target is judged at 1000/s, the lower one shows where the knee is. */
const RATES = (process.env.BENCH_RATES ?? "800,1000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const QUIZ_ANSWERS = Number(process.env.BENCH_QUIZ_ANSWERS ?? 20_000);
const PROFILE = process.env.BENCH_PROFILE === "1";
/** Request numbers of a scenario's own warm-up start here, far from the measured run's. */
const WARM_UP_IDS = 10_000_000;
const ONLY = new Set((process.env.BENCH_ONLY ?? "").split(",").filter(Boolean));
const wanted = (name: string) => ONLY.size === 0 || ONLY.has(name);
/** Long scenarios (minutes each, fanout needs PostgreSQL): run only when named in BENCH_ONLY. */
const named = (name: string) => ONLY.has(name);

const TARGET = { commandsPerSec: 1000, commandP99Ms: 50, rssGrowthMb: 20, quizPerSec: 500 };

const log = (line = "") => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const failures: string[] = [];

const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
const questions = generateQuestions(kb, 5000, 7);
const question = (i: number) => questions[i % questions.length] as string;

/** Busy time of the whole machine (all CPUs) from /proc/stat, in ms: shows other processes competing. */
function machineBusyMs(): number {
  const cpu =
    readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const busy = cpu.reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + (v || 0)), 0);
  return busy * 10;
}

/** A warning when other processes took more than a tenth of a core: the figures above are then low. */
function contended(othersMs: number, seconds: number): string {
  return othersMs > 100 * seconds ? "  ← CONTENDED: other work on the machine; rerun for clean figures" : "";
}

function benchCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

interface Run {
  result: Result;
  /** Every response but each connection's first (which also waits for the connection to be set up). */
  steady: Latency;
  /** CPU used during the run by the server, this process (load generator + fakes) and everything else. */
  cpu: { server: number; bench: number; others: number };
}

interface Measured extends Run {
  name: string;
  rssBefore: number;
  rssAfter: number;
  /** Work done after the acknowledgement (answers posted), counted at the fake. */
  delivered?: { expected: number; got: number; drainMs: number };
}

function percentiles(values: number[]): Latency {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

function machine(): void {
  const cpuModel =
    /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model;
  log(`# srm-bot HTTP benchmark — ${new Date().toISOString()}`);
  log(
    `machine: ${availableParallelism()} CPUs (${cpuModel}), ${mb(totalmem())} RAM, node ${process.version}, ${process.platform}/${process.arch}`,
  );
  log(
    `load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario after ${WARMUP} s of warm-up (and 3 s per scenario); load generator, fakes and server share the CPUs`,
  );
  log();
}

/** One autocannon run where every request is built fresh by `build(i)`. */
async function drive(
  server: BenchServer,
  path: string,
  build: (i: number) => Built,
  opts: { duration?: number; amount?: number },
): Promise<Run> {
  let i = 0;
  const seen = new WeakSet<Client>();
  const steady: number[] = [];
  const cpu0 = { server: server.cpuMs(), bench: benchCpuMs(), machine: machineBusyMs() };
  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    timeout: 10,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION }),
    requests: [
      {
        method: "POST",
        path,
        setupRequest: (req) => {
          const { body, headers } = build(i++);
          return { ...req, method: "POST", path, body, headers };
        },
      },
    ],
  });
  instance.on("response", (client, _status, _bytes, ms) => {
    if (seen.has(client)) steady.push(ms);
    else seen.add(client);
  });
  const result = await instance;
  const server1 = server.cpuMs() - cpu0.server;
  const bench1 = benchCpuMs() - cpu0.bench;
  const others = Math.max(0, machineBusyMs() - cpu0.machine - server1 - bench1);
  return { result, steady: percentiles(steady), cpu: { server: server1, bench: bench1, others } };
}

/** Waits until `count()` reaches `expected` or stops moving for `quietMs`; returns what it reached and when. */
async function drain(count: () => number, expected: number, started = Date.now(), quietMs = 5_000) {
  let last = count();
  let lastMove = Date.now();
  while (last < expected && Date.now() - lastMove < quietMs) {
    await sleep(20);
    const now = count();
    if (now !== last) {
      last = now;
      lastMove = Date.now();
    }
  }
  return { got: last, drainMs: lastMove - started };
}

function report(m: Measured): void {
  const r = m.result;
  const total = r["2xx"] + r.non2xx;
  log(`## ${m.name}`);
  log(
    `  requests: ${total} in ${r.duration.toFixed(1)} s → ${(total / r.duration).toFixed(0)} req/s acknowledged`,
  );
  log(
    `  latency of the acknowledgement, all requests: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
  );
  log(
    `  latency, steady state (each connection's first request left out): p50 ${m.steady.p50.toFixed(1)} ms, p99 ${m.steady.p99.toFixed(1)} ms, max ${m.steady.max.toFixed(1)} ms`,
  );
  log(`  errors: ${r.errors} (timeouts ${r.timeouts}), non-2xx: ${r.non2xx}`);
  if (r.statusCodeStats && r.non2xx > 0) log(`  status codes: ${JSON.stringify(r.statusCodeStats)}`);
  log(`  server RSS: ${mb(m.rssBefore)} before, ${mb(m.rssAfter)} after`);
  const core = (ms: number) => `${((100 * ms) / (r.duration * 1000)).toFixed(0)}%`;
  if (total > 0)
    log(
      `  CPU: server ${(m.cpu.server / total).toFixed(2)} ms per request (${core(m.cpu.server)} of one core); load generator + fakes ${core(m.cpu.bench)}; other processes ${core(m.cpu.others)}${contended(m.cpu.others, r.duration)}`,
    );
  if (m.delivered)
    log(
      `  delivered after the ack: ${m.delivered.got} of ${m.delivered.expected}, the last ${(m.delivered.drainMs / 1000).toFixed(1)} s after the load started`,
    );
}

async function scenario(
  server: BenchServer,
  name: string,
  path: string,
  build: (i: number) => Built,
  opts: { delivered?: () => number } = {},
): Promise<Measured> {
  // Each request type warms its own code path first (not reported), with numbers of its own: a warm-up request
  // with the measured run's activity or event id would be a retry, acknowledged and rightly not answered again.
  await drive(server, path, (i) => build(WARM_UP_IDS + i), { duration: 3 });
  if (opts.delivered) await drain(opts.delivered, Number.POSITIVE_INFINITY, Date.now(), 500);
  const rssBefore = server.rss();
  const base = opts.delivered?.() ?? 0;
  const started = Date.now();
  const run = await drive(server, path, build, {});
  const rssAfter = server.rss();
  const m: Measured = { name, ...run, rssBefore, rssAfter };
  if (opts.delivered) {
    const count = opts.delivered;
    const expected = run.result["2xx"];
    const d = await drain(() => count() - base, expected, started);
    m.delivered = { expected, ...d };
    if (d.got < expected) failures.push(`${name}: ${expected - d.got} acknowledged requests never answered`);
  }
  report(m);
  if (m.result.errors || m.result.non2xx) failures.push(`${name}: errors or non-2xx responses`);
  return m;
}

async function slackRuns(fakes: Fakes): Promise<void> {
  const server = await startBenchServer({
    profile: PROFILE,
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fakes.apiUrl },
  });
  log(
    `server (Slack HTTP mode, SQLite ${server.sqlitePath}) pid ${server.pid}: RSS at start ${mb(server.rss())}`,
  );
  let next = 0;
  const command = () => {
    const i = next++;
    return slashCommand(i, question(i), `${fakes.url}/response/c${i}`);
  };

  // Warm-up, not reported: the JIT, the store's first writes, connection pools.
  await drive(server, "/slack/events", command, { duration: WARMUP });
  await drain(() => fakes.counts.responses, Number.POSITIVE_INFINITY, Date.now(), 500);
  log(`after a ${WARMUP} s warm-up with slash commands: RSS ${mb(server.rss())}`);
  log();

  if (wanted("command")) {
    const saturated = await scenario(
      server,
      "Slack slash commands at saturation (/srm <question>, signed; closed loop, each connection sends as soon as it is answered)",
      "/slack/events",
      command,
      { delivered: () => fakes.counts.responses },
    );
    log();
    for (const rate of RATES) {
      const steady = await pacedRun(server, rate, command, () => fakes.counts.responses);
      if (rate !== TARGET.commandsPerSec) {
        log();
        continue;
      }
      const ok =
        steady.rate >= 0.98 * TARGET.commandsPerSec &&
        steady.latency.p99 < TARGET.commandP99Ms &&
        steady.errors === 0 &&
        steady.non2xx === 0 &&
        steady.delivered.got >= steady.delivered.expected;
      log(
        `  target ≥ ${TARGET.commandsPerSec}/s acknowledged with p99 < ${TARGET.commandP99Ms} ms, zero errors, every one answered: ${verdict(ok)}`,
      );
      if (!ok) failures.push("Slack slash commands below target");
    }
    log(
      `  (at saturation: ${((saturated.result["2xx"] + saturated.result.non2xx) / saturated.result.duration).toFixed(0)}/s)`,
    );
    log();
  }

  if (wanted("event")) {
    // Event ids must differ across the warm-up and the measured run too: a repeated id is a Slack retry,
    // which the server acknowledges and drops.
    const runId = Date.now().toString(36);
    let event = 0;
    await scenario(
      server,
      "Slack events at saturation (app_mention, signed, distinct event ids, answered with chat.postMessage)",
      "/slack/events",
      () => {
        const i = event++;
        return appMention(i, question(i), runId);
      },
      { delivered: () => fakes.web("chat.postMessage") },
    );
    log();
  }

  if (wanted("playground")) {
    await scenario(
      server,
      "Playground asks at saturation (POST /playground/api/ask)",
      "/playground/api/ask",
      (i) => playgroundAsk(question(i)),
    );
    log();
  }

  if (wanted("quiz")) await quizRun(server, fakes);
  if (wanted("memory")) await memoryRun(server, fakes, command);

  const problems = server.problems();
  const { code, profiles } = await server.stop();
  log(`Slack-mode server stopped with exit code ${code}; ${problems.length} warn/error log lines`);
  for (const p of problems.slice(0, 5)) log(`  ${p.slice(0, 300)}`);
  if (code !== 0) failures.push(`the Slack-mode server exited with ${code}`);
  log();
  if (profiles[0]) {
    printProfile(summarizeProfile(profiles[0]), log);
    log(`  (profile kept for DevTools: ${profiles[0]})`);
    log();
  }
}

/** `rate` slash commands per second, evenly spaced (see http-paced.ts), for DURATION seconds. */
async function pacedRun(server: BenchServer, rate: number, command: () => Built, delivered: () => number) {
  let rssBefore = 0;
  let base = 0;
  let started = 0;
  let cpu0 = { server: 0, bench: 0, machine: 0 };
  const r = await paced({
    url: server.url,
    path: "/slack/events",
    rate,
    seconds: DURATION,
    warmupSeconds: 2,
    connections: CONNECTIONS,
    build: () => command(),
    onMeasure: () => {
      rssBefore = server.rss();
      base = delivered();
      started = Date.now();
      cpu0 = { server: server.cpuMs(), bench: benchCpuMs(), machine: machineBusyMs() };
    },
  });
  const server1 = server.cpuMs() - cpu0.server;
  const bench1 = benchCpuMs() - cpu0.bench;
  const others = Math.max(0, machineBusyMs() - cpu0.machine - server1 - bench1);
  const d = await drain(() => delivered() - base, r.ok, started);
  const latency = percentiles(r.latencies);
  const achieved = r.ok / r.seconds;
  const core = (ms: number) => `${((100 * ms) / (r.seconds * 1000)).toFixed(0)}%`;
  log(
    `## Slack slash commands at a steady ${rate}/s (signed, answered via response_url; evenly spaced, up to ${CONNECTIONS} connections)`,
  );
  log(
    `  requests: ${r.sent} sent in ${DURATION} s; ${r.ok} acknowledged in ${r.seconds.toFixed(1)} s → ${rate.toFixed(0)}/s`,
  );
  log(
    `  latency of the acknowledgement, from when each request was due: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
  );
  const late = percentiles(r.lateness);
  log(
    `  load generator's own lateness (sent after due; included above): p50 ${late.p50.toFixed(1)} ms, p99 ${late.p99.toFixed(1)} ms, max ${late.max.toFixed(1)} ms`,
  );
  log(`  errors: ${r.errors}, non-2xx: ${r.non2xx}`);
  log(`  server RSS: ${mb(rssBefore)} before, ${mb(server.rss())} after`);
  log(
    `  CPU: server ${(server1 / Math.max(1, r.ok)).toFixed(2)} ms per request (${core(server1)} of one core); load generator + fakes ${core(bench1)}; other processes ${core(others)}${contended(others, r.seconds)}`,
  );
  log(
    `  delivered after the ack: ${d.got} of ${r.ok}, the last ${(d.drainMs / 1000).toFixed(1)} s after the load started`,
  );
  if (d.got < r.ok)
    failures.push(`steady slash commands: ${r.ok - d.got} acknowledged requests never answered`);
  return {
    rate: achieved,
    latency,
    errors: r.errors,
    non2xx: r.non2xx,
    delivered: { expected: r.ok, got: d.got },
  };
}

/** A channel quiz answered by QUIZ_ANSWERS different people through Slack buttons; rows counted in SQLite. */
async function quizRun(server: BenchServer, fakes: Fakes): Promise<void> {
  const post = signed(
    new URLSearchParams({
      team_id: "T0BENCH",
      channel_id: "C0BENCH",
      user_id: "U0ADMIN",
      command: "/srm",
      text: "quiz now",
      response_url: `${fakes.url}/response/quiz-now`,
      trigger_id: "1.2.3",
    }).toString(),
    "application/x-www-form-urlencoded",
  );
  const before = fakes.web("chat.postMessage");
  const res = await fetch(`${server.url}/slack/events`, {
    method: "POST",
    body: post.body,
    headers: post.headers,
  });
  if (res.status !== 200) throw new Error(`quiz now: HTTP ${res.status}`);
  await drain(() => fakes.web("chat.postMessage") - before, 1);
  const db = new BetterSqlite(server.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const quiz = db
      .prepare("select id from quizzes where mode = 'daily' order by seq desc limit 1")
      .pluck()
      .get() as string | undefined;
    if (!quiz) throw new Error("quiz now posted no quiz");
    const count = db.prepare("select count(*) from quiz_answers where quiz_id = ?").pluck();
    const rows = () => count.get(quiz) as number;

    const rssBefore = server.rss();
    const started = Date.now();
    const run = await drive(
      server,
      "/slack/events",
      (i) => quizClick(i, quiz, `${fakes.url}/response/quiz-${i}`),
      { amount: QUIZ_ANSWERS },
    );
    const acked = run.result["2xx"];
    const d = await drain(rows, acked, started);
    const outcomes = await drain(() => fakes.counts.quizOutcomes.get("recorded") ?? 0, acked, started);
    report({
      name: `Quiz answers (${QUIZ_ANSWERS} people answer one channel quiz with Slack buttons; SQLite)`,
      ...run,
      rssBefore,
      rssAfter: server.rss(),
    });
    const perSec = d.got / (d.drainMs / 1000);
    log(
      `  recorded in the store: ${d.got} of ${acked} acknowledged, the last ${(d.drainMs / 1000).toFixed(2)} s after the first click → ${perSec.toFixed(0)} answers recorded/s`,
    );
    log(
      `  results shown to the people (response_url): ${outcomes.got} "recorded"; all outcomes: ${JSON.stringify(Object.fromEntries(fakes.counts.quizOutcomes))}`,
    );
    const ok = perSec >= TARGET.quizPerSec && d.got === acked && run.result.errors === 0;
    log(`  target ≥ ${TARGET.quizPerSec} recorded/s, none lost: ${verdict(ok)}`);
    log();
    if (!ok) failures.push("quiz answers below target or lost");
  } finally {
    db.close();
  }
}

/** MEMORY_REQUESTS slash commands after warm-up; RSS sampled every second. */
async function memoryRun(server: BenchServer, fakes: Fakes, command: () => Built): Promise<void> {
  await sleep(1000);
  const rssBefore = server.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rss());
  }, 1000);
  const base = fakes.counts.responses;
  const started = Date.now();
  const run = await drive(server, "/slack/events", command, { amount: MEMORY_REQUESTS });
  const d = await drain(() => fakes.counts.responses - base, run.result["2xx"], started);
  clearInterval(sampler);
  // Let the last responses' buffers go before reading the final figure.
  await sleep(2000);
  const rssAfter = server.rss();
  report({
    name: `Memory run (${MEMORY_REQUESTS} slash commands after warm-up, closed loop)`,
    ...run,
    rssBefore,
    rssAfter,
    delivered: { expected: run.result["2xx"], ...d },
  });
  const growth = rssAfter - rssBefore;
  log(`  RSS growth: ${mb(growth)} (peak during the run ${mb(peak)})`);
  const ok = growth < TARGET.rssGrowthMb * 1024 * 1024 && d.got >= run.result["2xx"];
  log(`  target growth < ${TARGET.rssGrowthMb} MB: ${verdict(ok)}`);
  log();
  if (!ok) failures.push("memory grew");
}

async function teamsRun(fakes: Fakes): Promise<void> {
  // No Slack or Teams credentials: local mode, where /api/messages is the unauthenticated Emulator endpoint.
  const server = await startBenchServer({ profile: false, env: {} });
  log(
    `server (local mode, Teams endpoint unauthenticated) pid ${server.pid}: RSS at start ${mb(server.rss())}`,
  );
  const build = (i: number) => teamsMessage(i, question(i), fakes.url);
  await drive(server, "/api/messages", build, { duration: WARMUP });
  await drain(() => fakes.counts.teams, Number.POSITIVE_INFINITY, Date.now(), 500);
  log(`after a ${WARMUP} s warm-up with Teams activities: RSS ${mb(server.rss())}`);
  log();
  await scenario(
    server,
    "Teams activities at saturation (message in a personal chat; the reply goes to the connector before the 200)",
    "/api/messages",
    (i) => build(100_000 + i),
    { delivered: () => fakes.counts.teams },
  );
  log();
  const problems = server.problems();
  const { code } = await server.stop();
  log(`local-mode server stopped with exit code ${code}; ${problems.length} warn/error log lines`);
  for (const p of problems.slice(0, 5)) log(`  ${p.slice(0, 300)}`);
  log();
}

async function main(): Promise<void> {
  machine();
  const fakes = await startFakes();
  try {
    if (["command", "event", "playground", "quiz", "memory"].some(wanted)) await slackRuns(fakes);
    if (wanted("teams")) await teamsRun(fakes);
    if (named("mixed")) await mixedRuns(fakes, question, log, failures);
    if (named("fanout")) await fanoutRuns(log, failures);
  } finally {
    await fakes.close();
  }
  if (failures.length) {
    log(`Below target: ${failures.join("; ")}`);
    process.exitCode = 1;
  } else log("All targets met.");
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:http failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
