import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { projectRoot } from "../../src/knowledge/paths.js";
import { NotifierUnavailableError } from "../../src/quiz/index.js";
import { openStore } from "../../src/store/index.js";
import { createPlatformNotifier } from "../../src/wiring/notifiers.js";
import { parseChannelArg, quizCommand } from "../../src/wiring/quiz-post.js";
import { silentLogger } from "../store/backends.js";
import { KB, RecordingNotifier } from "./fixtures.js";

const localConfig = () => loadConfig({}, { envFile: null });

describe("srm-bot quiz post", () => {
  it("posts one quiz through the platform's notifier", async () => {
    const store = await openStore({ sqlitePath: ":memory:", logger: silentLogger });
    const notifier = new RecordingNotifier("slack");
    const out: string[] = [];
    const err: string[] = [];
    const code = await quizCommand(["post", "--channel", "slack:T1:C1"], {
      config: localConfig(),
      store,
      kb: KB,
      logger: silentLogger,
      createNotifier: async (platform) => {
        expect(platform).toBe("slack");
        return notifier;
      },
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(notifier.quizzes).toHaveLength(1);
    expect(notifier.quizzes[0]?.channel).toEqual({ platform: "slack", workspace: "T1", channel: "C1" });
    expect(out.join("")).toMatch(/^Posted quiz [\w-]+ to slack:T1:C1: /);
    expect(await store.getQuiz(notifier.quizzes[0]?.quiz.quizId ?? "")).not.toBeNull();
    await store.close();
  });

  it.each([
    [[], /Usage:/],
    [["frobnicate"], /Unknown quiz command: frobnicate/],
    [["post"], /Give the channel as platform:workspace:channel/],
    [["post", "--channel", "C123"], /Not a channel: "C123"/],
    [["post", "--channel=irc:x:y"], /Not a channel/],
  ])("refuses %j with a usage message (exit 2)", async (args, message) => {
    const err: string[] = [];
    expect(await quizCommand(args as string[], { err: (t) => err.push(t) })).toBe(2);
    expect(err.join("")).toMatch(message);
  });

  it("reads platform:workspace:channel, keeping the colons of Teams ids", () => {
    expect(parseChannelArg("slack:T1:C1")).toEqual({ platform: "slack", workspace: "T1", channel: "C1" });
    expect(parseChannelArg("teams:tenant:19:abc@thread.tacv2")).toEqual({
      platform: "teams",
      workspace: "tenant",
      channel: "19:abc@thread.tacv2",
    });
    expect(parseChannelArg("playground:local:x")).toBeNull();
    expect(parseChannelArg("slack:T1")).toBeNull();
  });

  it("explains when a platform is not configured", async () => {
    const store = await openStore({ sqlitePath: ":memory:", logger: silentLogger });
    const deps = { config: localConfig(), store, logger: silentLogger };
    await expect(createPlatformNotifier("slack", deps)).rejects.toThrow(
      /Slack is not configured: set SLACK_BOT_TOKEN/,
    );
    await expect(createPlatformNotifier("teams", deps)).rejects.toThrow(/Teams is not configured/);
    await expect(createPlatformNotifier("playground", deps)).rejects.toBeInstanceOf(NotifierUnavailableError);
    await store.close();
  });

  it("builds the Slack and Teams notifiers from their configuration", async () => {
    const store = await openStore({ sqlitePath: ":memory:", logger: silentLogger });
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "test-secret",
        MICROSOFT_APP_ID: "00000000-0000-4000-8000-000000000001",
        MICROSOFT_APP_PASSWORD: "test-password",
      },
      { envFile: null },
    );
    expect((await createPlatformNotifier("slack", { config, store, logger: silentLogger })).platform).toBe(
      "slack",
    );
    expect((await createPlatformNotifier("teams", { config, store, logger: silentLogger })).platform).toBe(
      "teams",
    );
    await store.close();
  });

  describe("as a command (built CLI)", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-quiz-cli-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const bin = join(projectRoot, "bin", "srm-bot.js");

    it("fails with a clear message, and no stack trace, when Slack is not configured", () => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, SQLITE_PATH: join(dir, "bot.db") };
      const r = spawnSync(process.execPath, [bin, "quiz", "post", "--channel", "slack:T1:C1"], {
        encoding: "utf8",
        cwd: dir,
        env,
      });
      expect(r.stderr).toMatch(/Slack is not configured/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.status).toBe(1);
    });

    it("posts to Slack through the Web API (a fake Slack on loopback)", async () => {
      const calls: Array<{ url: string; body: string }> = [];
      const server = createServer((req, res) => {
        let body = "";
        req.on("data", (d: Buffer) => {
          body += d.toString();
        });
        req.on("end", () => {
          calls.push({ url: req.url ?? "", body });
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ ok: true, channel: "C1", ts: "1767600000.000100" }));
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as AddressInfo;
      try {
        const env: NodeJS.ProcessEnv = {
          PATH: process.env.PATH,
          SQLITE_PATH: join(dir, "slack.db"),
          SLACK_BOT_TOKEN: "xoxb-test-token",
          SLACK_SIGNING_SECRET: "test-signing-secret",
          SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        };
        const child = spawn(process.execPath, [bin, "quiz", "post", "--channel", "slack:T1:C1"], {
          cwd: dir,
          env,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr.on("data", (d: Buffer) => {
          stderr += d.toString();
        });
        const code = await new Promise<number | null>((r) => child.on("close", r));
        expect(stderr).toBe("");
        expect(code).toBe(0);
        expect(stdout).toMatch(/^Posted quiz [\w-]+ to slack:T1:C1: /);
        expect(calls).toHaveLength(1);
        expect(calls[0]?.url).toBe("/api/chat.postMessage");
        expect(decodeURIComponent(calls[0]?.body ?? "")).toMatch(/channel=C1/);
        const store = await openStore({ sqlitePath: join(dir, "slack.db"), logger: silentLogger });
        const [last] = await store.quizHistory(
          { platform: "slack", workspace: "T1", channel: "C1" },
          null,
          1,
        );
        expect((await store.getQuiz(last?.quizId ?? ""))?.messageRef).toBe("1767600000.000100");
        await store.close();
      } finally {
        server.close();
      }
    });

    it("prints quiz usage with exit code 2", () => {
      const r = spawnSync(process.execPath, [bin, "quiz"], {
        encoding: "utf8",
        cwd: dir,
        env: { PATH: process.env.PATH },
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/srm-bot quiz post --channel <platform:workspace:channel>/);
    });
  });
});
