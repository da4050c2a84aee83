// The server killed with SIGKILL in the middle of 300 concurrent signed quiz clicks, five times over, on SQLite
// and on PostgreSQL. Slack never retries an interaction that got its HTTP 200, so a 200 is the promise: after a
// restart on the same database, every click that got one is in the store and on the channel's leaderboard,
// and the restarted server treats it as given.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { createTestDatabase, type TestDatabase } from "../server/pg-database.js";
import { type RunningServer, startServer } from "../server/run-server.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { blockActions, postSigned, slashCommand, TEAM } from "../slack/payloads.js";
import { pgUrl, silentLogger } from "../store/backends.js";

const SECRET = "sigkill-signing-secret-000000";
const CLICKS = 300;
const KILL_AFTER = 100;
const REPEATS = 5;

function signed(s: RunningServer, body: string): Promise<Response> {
  return postSigned(s.url, SECRET, body);
}

describe.each(["sqlite", "postgres"] as const)("SIGKILL during 300 quiz clicks (%s)", (backend) => {
  const skip = backend === "postgres" && !pgUrl;
  let fake: FakeSlack;
  let dir = "";
  let database: TestDatabase | undefined;
  const servers: RunningServer[] = [];
  let store: Store | undefined;

  const storeEnv = (): Record<string, string> =>
    database ? { DATABASE_URL: database.url } : { SQLITE_PATH: join(dir, "srm-bot.db") };

  async function start(): Promise<RunningServer> {
    const s = await startServer({
      ...storeEnv(),
      SLACK_BOT_TOKEN: "xoxb-sigkill",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    servers.push(s);
    return s;
  }

  beforeAll(async () => {
    if (skip) return;
    fake = await new FakeSlack().start();
    dir = mkdtempSync(join(tmpdir(), "srm-bot-sigkill-"));
    if (backend === "postgres") database = await createTestDatabase(pgUrl as string);
  });

  afterAll(async () => {
    await store?.close();
    for (const s of servers) await s.stop();
    await fake?.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (let round = 0; round < REPEATS; round++) {
    it.skipIf(skip)(
      `round ${round + 1}: every click answered 200 is stored and scored after a restart`,
      async () => {
        const s = await start();
        const channel = `C0KILL${round}`;
        const now = await signed(
          s,
          slashCommand("quiz now", fake.responseUrl(`kill-now-${round}`), { channel }),
        );
        expect(now.status).toBe(200);
        const post = await fake.waitForCall(
          (c) => c.method === "chat.postMessage" && c.args.channel === channel,
        );
        const value = buttonsOf(post.args.blocks).find((b) => b.value.includes("quiz_answer"))?.value ?? "";
        const quizId = JSON.parse(value).quiz as string;

        const acked: string[] = [];
        let killed = false;
        const clicks = Array.from({ length: CLICKS }, (_, i) => {
          const user = `UK${round}${String(i).padStart(4, "0")}`;
          const body = blockActions(
            { value, actionId: "srm:0" },
            { type: "message", channel, ts: `1700000${round}00.000100`, ephemeral: false },
            { user, responseUrl: fake.responseUrl(`kill-${round}-${user}`) },
          );
          return signed(s, body).then((res) => {
            if (res.status === 200) acked.push(user);
            if (!killed && acked.length >= KILL_AFTER) {
              killed = true;
              s.proc.kill("SIGKILL");
            }
            return res.arrayBuffer();
          });
        });
        // Requests cut off by the kill reject; that is the point.
        await Promise.allSettled(clicks);
        const exit = await s.exited;
        expect(exit.signal).toBe("SIGKILL");
        expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
        // The kill landed during the burst, not after it.
        expect(acked.length).toBeLessThan(CLICKS);

        const again = await start();
        expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
        store ??= await openStore(
          database
            ? { databaseUrl: database.url, logger: silentLogger }
            : { sqlitePath: join(dir, "srm-bot.db"), logger: silentLogger },
        );
        const board = await store.leaderboard(
          { platform: "slack", workspace: TEAM, channel },
          null,
          CLICKS + 10,
        );
        const onBoard = new Set(board.filter((r) => r.answered === 1).map((r) => r.user));
        expect(acked.filter((u) => !onBoard.has(u))).toEqual([]);
        const results = await store.quizResults(quizId);
        expect(results.answered).toBeGreaterThanOrEqual(acked.length);

        // The restarted server knows them too: clicking again keeps the first answer.
        const user = acked[0] as string;
        const retry = blockActions(
          { value, actionId: "srm:0" },
          { type: "message", channel, ts: `1700000${round}00.000100`, ephemeral: false },
          { user, responseUrl: fake.responseUrl(`kill-${round}-again`) },
        );
        expect((await signed(again, retry)).status).toBe(200);
        const reply = await fake.waitForResponse((r) => r.id === `kill-${round}-again`);
        expect(textOf(reply.body.blocks)).toMatch(/already answered/i);
        await again.stop();
      },
      60_000,
    );
  }
});
