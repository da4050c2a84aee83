import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REJECTED_TOKEN, slackSignature, startFakeSlack } from "./fake-slack.js";
import { type RunningServer, runToExit, startServer } from "./run-server.js";

const APP_ID = "00000000-1111-2222-3333-444444444444";
/** Node prints stack frames as "    at fn (file:line:col)". */
const STACK_FRAME = /^\s+at .+[:(]/m;

const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});
async function start(env: Record<string, string> = {}) {
  const s = await startServer(env);
  running.push(s);
  return s;
}

describe("start-up with no credentials (local mode)", () => {
  it("the banner names the address actually bound: every interface for HOST=0.0.0.0", async () => {
    const s = await start({ HOST: "0.0.0.0" });
    const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
    expect(banner?.msg).toMatch(
      new RegExp(
        `listening on 0\\.0\\.0\\.0:${s.port} \\(every interface; from this machine http://localhost:${s.port}\\)`,
      ),
    );
    expect(banner).toMatchObject({ address: "0.0.0.0", port: s.port });
    const loopback = await start();
    const own = loopback.logs().find((l) => /srm-bot is running/.test(l.msg));
    expect(own?.msg).toMatch(new RegExp(`listening on 127\\.0\\.0\\.1:${loopback.port}\n`));
    expect(own?.msg).not.toMatch(/localhost/);
  });

  it("serves the playground, the Emulator endpoint and health on an embedded SQLite store it creates", async () => {
    const s = await start();
    const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
    expect(banner?.msg).toMatch(/local mode/);
    expect(banner?.msg).toMatch(/Playground\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(banner?.msg).toMatch(/Teams\s+http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
    expect(banner?.msg).toMatch(/SQLite at .*\.data\/srm-bot\.db/);
    expect(existsSync(join(s.dir, ".data", "srm-bot.db"))).toBe(true);

    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${s.url}/readyz`);
    const body = (await ready.json()) as {
      status: string;
      failed: string[];
      checks: Record<string, { ok: boolean }>;
    };
    expect(ready.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.failed).toEqual([]);
    expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(["knowledge", "store", "teams"]));

    const page = await fetch(`${s.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/srm-bot/);
  });
});

describe("start-up with Teams credentials", () => {
  it("mounts the authenticated endpoint: a request without a token gets 401", async () => {
    const s = await start({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "teams-test-password" });
    const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
    expect(banner?.msg).toMatch(/connected/);
    expect(banner?.msg).toMatch(new RegExp(`Teams .*app ${APP_ID}`));
    const res = await fetch(`${s.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        text: "hi",
        channelId: "msteams",
        serviceUrl: "http://127.0.0.1:9/",
      }),
    });
    expect(res.status).toBe(401);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, unknown> }).checks).toHaveProperty("teams");
  });
});

describe("start-up with Slack credentials (HTTP mode, Web API pointed at a local fake)", () => {
  it("checks the token, mounts /slack/events on the shared server, refuses unsigned requests", async () => {
    const fake = await startFakeSlack();
    try {
      const secret = "slack-signing-secret-for-tests";
      const s = await start({
        SLACK_BOT_TOKEN: "xoxb-startup-test",
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: fake.apiUrl,
      });
      const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
      expect(banner?.msg).toMatch(/Slack\s+http:\/\/127\.0\.0\.1:\d+\/slack\/events/);
      // No unauthenticated Teams endpoint beside a real platform.
      expect(banner?.msg).not.toMatch(/Teams/);
      expect(fake.calls.find((c) => c.method === "auth.test")?.authorization).toBe(
        "Bearer xoxb-startup-test",
      );

      const body = JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" });
      const unsigned = await fetch(`${s.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(unsigned.status).toBe(401);
      const signed = await fetch(`${s.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", ...slackSignature(secret, body) },
        body,
      });
      expect(signed.status).toBe(200);
      expect(await signed.json()).toEqual({ challenge: "c-123" });

      const ready = await fetch(`${s.url}/readyz`);
      const checks = ((await ready.json()) as { checks: Record<string, { ok: boolean }> }).checks;
      expect(ready.status).toBe(200);
      expect(checks.slack?.ok).toBe(true);
      expect(checks).not.toHaveProperty("teams");
      expect((await fetch(`${s.url}/api/messages`, { method: "POST" })).status).toBe(404);
    } finally {
      await fake.close();
    }
  });

  it("Socket Mode with an app token: connects out, serves no /slack/events, stops cleanly", async () => {
    const fake = await startFakeSlack();
    try {
      const s = await start({
        SLACK_BOT_TOKEN: "xoxb-socket-test",
        SLACK_APP_TOKEN: "xapp-1-A0APP-test",
        SLACK_API_URL: fake.apiUrl,
      });
      const banner = s.logs().find((l) => /srm-bot is running/.test(l.msg));
      expect(banner?.msg).toMatch(/Slack\s+Socket Mode/);
      expect(fake.calls.find((c) => c.method === "apps.connections.open")?.authorization).toBe(
        "Bearer xapp-1-A0APP-test",
      );
      expect(fake.socketConnections()).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${s.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: Record<string, { ok: boolean }> }).checks.slack?.ok).toBe(
        true,
      );
      expect((await s.stop()).code).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it("a token Slack rejects stops the start with a clear message", async () => {
    const fake = await startFakeSlack();
    try {
      const r = await runToExit({
        SLACK_BOT_TOKEN: REJECTED_TOKEN,
        SLACK_SIGNING_SECRET: "x".repeat(20),
        SLACK_API_URL: fake.apiUrl,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    } finally {
      await fake.close();
    }
  });
});

describe("start-up with bad configuration", () => {
  it.each<[string, Record<string, string>, RegExp[]]>([
    [
      "Slack bot token without its partner",
      { SLACK_BOT_TOKEN: "xoxb-only" },
      [/SLACK_SIGNING_SECRET: is required/],
    ],
    [
      "Slack signing secret without a token",
      { SLACK_SIGNING_SECRET: "signing-only" },
      [/SLACK_BOT_TOKEN: is required/],
    ],
    [
      "Teams app id without a password",
      { MICROSOFT_APP_ID: APP_ID },
      [/MICROSOFT_APP_PASSWORD: is required/],
    ],
    [
      "Teams password without an app id",
      { MICROSOFT_APP_PASSWORD: "pw-123456" },
      [/MICROSOFT_APP_ID: is required/],
    ],
    [
      "several invalid values",
      { PORT: "eighty", LOG_LEVEL: "loud", DATABASE_URL: "mysql://db/x" },
      [/\(3 problems\)/, /PORT: /, /LOG_LEVEL: /, /DATABASE_URL: /],
    ],
    ["broken quiz subscriptions", { QUIZ_SUBSCRIPTIONS: "[{" }, [/QUIZ_SUBSCRIPTIONS: not valid JSON/]],
    [
      "a knowledge folder that does not exist",
      { KNOWLEDGE_DATA_DIR: "/nonexistent/srm" },
      [/Knowledge base is invalid/],
    ],
  ])("%s: one clear message, exit code 1, no stack trace", async (_name, env, expected) => {
    const r = await runToExit(env);
    expect(r.code).toBe(1);
    for (const re of expected) expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).not.toMatch(STACK_FRAME);
  });

  it("a port already in use: says so, exit code 1", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runToExit({ PORT: String(port), HOST: "127.0.0.1" });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`port ${port} is already in use`));
      expect(r.stderr).not.toMatch(STACK_FRAME);
    } finally {
      blocker.close();
    }
  });

  it("an SQLite path that cannot be created: names SQLITE_PATH, exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-bot-ro-"));
    const aFile = join(dir, "not-a-folder");
    writeFileSync(aFile, "");
    try {
      const r = await runToExit({ SQLITE_PATH: join(aFile, "srm-bot.db") });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/SQLITE_PATH/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
