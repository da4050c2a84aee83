// `BENCH_ONLY=fanout npm run bench:http`: the daily quiz due in 5,000 channels at the same minute, posted by
// one and by two real server processes on one PostgreSQL database, against fakes that enforce Slack's and
// Teams' posting limits and answer 429 (http-fanout-fakes.ts). Reports the time from the slot to the last
// post, posts a second, 429s received, duplicates and missing channels.
//
// Setup, stated so it can be judged: Slack, 5,000 channels in BENCH_FANOUT_WORKSPACES (20) workspaces of one
// app (one bot token per workspace in a real multi-workspace install; here the fake maps channel → workspace);
// Teams, 5,000 channel conversations in BENCH_FANOUT_TENANTS (5) tenants. First day of the subscriptions, so
// no reveal precedes the posts. Fakes answer after BENCH_FANOUT_LATENCY_MS (50). Server defaults otherwise:
// SLACK_POSTS_PER_MINUTE 300, TEAMS_POSTS_PER_SECOND 20, QUIZ_POST_CONCURRENCY 16.

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import pino from "pino";
import { openStore } from "../src/store/create.js";
import type { ChannelKey, Subscription } from "../src/store/types.js";
import { type FanoutFakes, startFanoutFakes } from "./http-fanout-fakes.js";
import { BOT_TOKEN, SIGNING_SECRET } from "./http-payloads.js";
import { type BenchServer, startBenchServer } from "./http-server.js";

const CHANNELS = Number(process.env.BENCH_FANOUT_CHANNELS ?? 5000);
const WORKSPACES = Number(process.env.BENCH_FANOUT_WORKSPACES ?? 20);
const TENANTS = Number(process.env.BENCH_FANOUT_TENANTS ?? 5);
const LATENCY_MS = Number(process.env.BENCH_FANOUT_LATENCY_MS ?? 50);
/** Which runs: slack1, slack2, teams1, teams2 (platform and replicas) and over (Teams past its limit). */
const RUNS = new Set((process.env.BENCH_FANOUT_RUNS ?? "slack1,slack2,teams1,teams2,over").split(","));
const SLACK_PER_MINUTE = 300;
const TEAMS_PER_SECOND = 20;
/** The target: every channel posted within this long after the slot. */
const TARGET_MS = 10 * 60_000;
const BASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

type Log = (line?: string) => void;

async function database(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `srm_fanout_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: BASE_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** The next minute at least 40 s away (time to subscribe 5,000 channels and start the servers). */
function nextSlot(): Date {
  const at = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
  return at;
}

function channelsFor(platform: "slack" | "teams"): ChannelKey[] {
  const groups = platform === "slack" ? WORKSPACES : TENANTS;
  return Array.from({ length: CHANNELS }, (_, i) => {
    const w = i % groups;
    return platform === "slack"
      ? { platform, workspace: `T0W${w}`, channel: `C0W${w}N${i}` }
      : { platform, workspace: `tenant-${w}`, channel: `19:bench-${i}@thread.tacv2` };
  });
}

async function subscribe(url: string, channels: ChannelKey[], slot: Date, fakes: FanoutFakes) {
  const store = await openStore({ databaseUrl: url, logger: pino({ level: "silent" }), poolSize: 8 });
  const hhmm = slot.toISOString().slice(11, 16);
  const yesterday = new Date(slot.getTime() - 86_400_000);
  try {
    for (let i = 0; i < channels.length; i += 100)
      await Promise.all(
        channels.slice(i, i + 100).map(async (c) => {
          const sub: Subscription = {
            ...c,
            time: hhmm,
            timezone: "UTC",
            days: "daily",
            createdBy: "U0ADMIN",
            paused: false,
            updatedAt: yesterday,
          };
          await store.saveSubscription(sub);
          if (c.platform === "teams")
            await store.saveConversationRef(c, {
              bot: { id: "28:srm-bot-local", name: "srm-bot" },
              conversation: { id: c.channel, conversationType: "channel", tenantId: c.workspace },
              channelId: "msteams",
              serviceUrl: fakes.url,
            });
        }),
      );
  } finally {
    await store.close();
  }
}

interface Outcome {
  lastMs: number;
  posted: number;
  duplicates: number;
  missing: number;
  refused: number;
  perReplica: number[];
}

async function run(
  fakes: FanoutFakes,
  platform: "slack" | "teams",
  replicas: number,
  log: Log,
  serverEnv: Record<string, string> = {},
): Promise<Outcome> {
  const db = await database();
  const channels = channelsFor(platform);
  for (const c of channels) fakes.workspaceOf.set(c.channel, c.workspace);
  fakes.reset();
  const slot = nextSlot();
  const servers: BenchServer[] = [];
  try {
    await subscribe(db.url, channels, slot, fakes);
    const env: Record<string, string> =
      platform === "slack"
        ? { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fakes.apiUrl }
        : {};
    for (let r = 0; r < replicas; r++)
      servers.push(
        await startBenchServer({
          profile: false,
          env: { ...env, ...serverEnv, DATABASE_URL: db.url, PLAYGROUND: "false" },
        }),
      );
    const deadline = slot.getTime() + TARGET_MS + 120_000;
    while (Date.now() < deadline) {
      if (channels.every((c) => fakes.posts.has(c.channel))) break;
      await sleep(250);
    }
    // Late duplicates would show in the next seconds.
    await sleep(3000);
    const counts = channels.map((c) => fakes.posts.get(c.channel) ?? 0);
    const perReplica = servers.map(
      (s) =>
        readFileSync(s.logPath, "utf8")
          .split("\n")
          .filter((l) => l.includes('"daily quiz posted"')).length,
    );
    return {
      lastMs: Math.max(...fakes.times) - slot.getTime(),
      posted: counts.filter((n) => n > 0).length,
      duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      missing: counts.filter((n) => n === 0).length,
      refused: platform === "slack" ? fakes.refused.slack : fakes.refused.teams,
      perReplica,
    };
  } finally {
    for (const s of servers) await s.stop();
    await db
      .drop()
      .catch((err: unknown) => log(`  (could not drop the bench database: ${(err as Error).message})`));
  }
}

export async function fanoutRuns(log: Log, failures: string[]): Promise<void> {
  const fakes = await startFanoutFakes({ slackPerMinute: SLACK_PER_MINUTE, latencyMs: LATENCY_MS });
  log(
    `## Daily quiz fan-out: ${CHANNELS} channels due at one minute (PostgreSQL, fakes enforce limits and answer 429, ${LATENCY_MS} ms per call)`,
  );
  try {
    for (const platform of ["slack", "teams"] as const)
      for (const replicas of [1, 2]) {
        if (!RUNS.has(`${platform}${replicas}`)) continue;
        const o = await run(fakes, platform, replicas, log);
        const where =
          platform === "slack"
            ? `Slack, ${WORKSPACES} workspaces × ${CHANNELS / WORKSPACES} channels (budget ${SLACK_PER_MINUTE}/min each)`
            : `Teams, ${TENANTS} tenants × ${CHANNELS / TENANTS} conversations (${TEAMS_PER_SECOND}/s each)`;
        const ok = o.missing === 0 && o.duplicates === 0 && o.lastMs <= TARGET_MS;
        log(
          `  ${where}, ${replicas} replica${replicas > 1 ? "s" : ""}: last post ${(o.lastMs / 1000).toFixed(1)} s after the slot, ${(o.posted / (o.lastMs / 1000)).toFixed(1)} posts/s, 429s received ${o.refused}, duplicates ${o.duplicates}, missing ${o.missing}, posts per replica ${o.perReplica.join(" + ")}: ${ok ? "PASS" : "FAIL"}`,
        );
        if (!ok) failures.push(`fan-out ${platform} × ${replicas}: late, missing or duplicated posts`);
      }
    // The fakes have refused nothing so far when the pace is right; told to post faster than Teams allows
    // (150/s a tenant against 50/s), the server meets 429s: each is waited out and re-sent.
    const over = RUNS.has("over")
      ? await run(fakes, "teams", 1, log, { TEAMS_POSTS_PER_SECOND: "150" })
      : null;
    const overOk = !over || (over.missing === 0 && over.duplicates === 0);
    if (over)
      log(
        `  Teams, ${TENANTS} tenants, 1 replica, TEAMS_POSTS_PER_SECOND=150 (above the fake's 50/s): last post ${(over.lastMs / 1000).toFixed(1)} s after the slot, ${(over.posted / (over.lastMs / 1000)).toFixed(1)} posts/s, 429s received ${over.refused}, duplicates ${over.duplicates}, missing ${over.missing}: ${overOk ? "PASS" : "FAIL"}`,
      );
    if (!overOk) failures.push("fan-out over Teams' limit: missing or duplicated posts");
    const oneWorkspace = (CHANNELS * 2 * 60) / SLACK_PER_MINUTE;
    log(
      `  one Slack workspace: the timetable spaces ${CHANNELS} channels by two messages each at ${SLACK_PER_MINUTE}/min → ${(oneWorkspace / 60).toFixed(1)} min, replicas or not (computed, not run)`,
    );
  } finally {
    await fakes.close();
  }
  log();
}
