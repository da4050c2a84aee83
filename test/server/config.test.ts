import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, describeStore, loadConfig, secretValues } from "../../src/config.js";
import { projectRoot } from "../../src/knowledge/paths.js";

const APP_ID = "00000000-1111-2222-3333-444444444444";
const TENANT = "99999999-8888-7777-6666-555555555555";
const dir = mkdtempSync(join(tmpdir(), "srm-bot-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (env: Record<string, string>) => loadConfig(env, { envFile: null, cwd: dir });

function problems(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to local mode on port 3978 with SQLite under .data, loopback only", () => {
    const c = load({});
    expect(c).toMatchObject({
      mode: "local",
      port: 3978,
      host: "127.0.0.1",
      logLevel: "info",
      playground: true,
      slack: null,
      teams: { mode: "local" },
      store: { kind: "sqlite", path: join(dir, ".data", "srm-bot.db") },
      quiz: {
        enabled: true,
        graceMinutes: 120,
        defaultTime: "09:00",
        defaultTimezone: "UTC",
        subscriptions: [],
      },
    });
  });

  it("treats blank values (NAME= in .env) as unset", () => {
    expect(load({ SLACK_BOT_TOKEN: "", MICROSOFT_APP_ID: "  ", PORT: "" })).toMatchObject({
      mode: "local",
      port: 3978,
    });
  });

  it.each([
    [
      "Slack HTTP mode",
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cr3t-signing" },
      { mode: "http" },
    ],
    ["Slack Socket Mode", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, { mode: "socket" }],
    [
      "Socket Mode wins when both are set",
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s3cr3t-signing" },
      { mode: "socket" },
    ],
  ])("%s", (_name, env, slack) => {
    const c = load(env);
    expect(c.mode).toBe("connected");
    expect(c.slack).toMatchObject(slack);
    // A real platform is configured: no unauthenticated Teams endpoint beside it, and listen on all interfaces.
    expect(c.teams).toBeNull();
    expect(c.host).toBe("0.0.0.0");
  });

  it("normalises SLACK_API_URL to end with a slash", () => {
    const c = load({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s3cr3t-signing",
      SLACK_API_URL: "http://127.0.0.1:9/api",
    });
    expect(c.slack?.apiUrl).toBe("http://127.0.0.1:9/api/");
  });

  it("reads Teams credentials, single-tenant with a tenant id", () => {
    const c = load({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "pw-123456",
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: TENANT,
    });
    expect(c.teams).toEqual({
      mode: "authenticated",
      appId: APP_ID,
      appPassword: "pw-123456",
      appType: "SingleTenant",
      tenantId: TENANT,
    });
  });

  it.each<[string, Record<string, string>, string[]]>([
    ["bot token alone", { SLACK_BOT_TOKEN: "xoxb-1" }, ["SLACK_SIGNING_SECRET"]],
    ["signing secret alone", { SLACK_SIGNING_SECRET: "s3cr3t-signing" }, ["SLACK_BOT_TOKEN"]],
    ["app token alone", { SLACK_APP_TOKEN: "xapp-1" }, ["SLACK_BOT_TOKEN"]],
    ["app id alone", { MICROSOFT_APP_ID: APP_ID }, ["MICROSOFT_APP_PASSWORD"]],
    ["app password alone", { MICROSOFT_APP_PASSWORD: "pw-123456" }, ["MICROSOFT_APP_ID"]],
    ["tenant alone", { MICROSOFT_APP_TENANT_ID: TENANT }, ["MICROSOFT_APP_ID"]],
    [
      "single tenant without a tenant",
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "pw-123456", MICROSOFT_APP_TYPE: "SingleTenant" },
      ["MICROSOFT_APP_TENANT_ID"],
    ],
    [
      "a user token instead of a bot token",
      { SLACK_BOT_TOKEN: "xoxp-1", SLACK_SIGNING_SECRET: "s3cr3t-signing" },
      ["SLACK_BOT_TOKEN"],
    ],
    [
      "app id that is not a GUID",
      { MICROSOFT_APP_ID: "my-bot", MICROSOFT_APP_PASSWORD: "pw-123456" },
      ["MICROSOFT_APP_ID"],
    ],
    ["port out of range", { PORT: "70000" }, ["PORT"]],
    ["port not a number", { PORT: "http" }, ["PORT"]],
    ["unknown log level", { LOG_LEVEL: "loud" }, ["LOG_LEVEL"]],
    ["not a PostgreSQL URL", { DATABASE_URL: "mysql://db/srm" }, ["DATABASE_URL"]],
    ["bad time zone", { QUIZ_DEFAULT_TIMEZONE: "Mars/Olympus" }, ["QUIZ_DEFAULT_TIMEZONE"]],
    ["bad grace", { QUIZ_GRACE_MINUTES: "-5" }, ["QUIZ_GRACE_MINUTES"]],
    ["subscriptions not JSON", { QUIZ_SUBSCRIPTIONS: "[{" }, ["QUIZ_SUBSCRIPTIONS"]],
    [
      "subscription with a bad time",
      { QUIZ_SUBSCRIPTIONS: '[{"platform":"slack","workspace":"T1","channel":"C1","time":"25:99"}]' },
      ["QUIZ_SUBSCRIPTIONS"],
    ],
    ["trust proxy nonsense", { TRUST_PROXY: "maybe" }, ["TRUST_PROXY"]],
    [
      "several problems at once, each named",
      { PORT: "x", LOG_LEVEL: "loud", SLACK_BOT_TOKEN: "xoxb-1" },
      ["PORT", "LOG_LEVEL", "SLACK_SIGNING_SECRET"],
    ],
  ])("refuses %s, naming the variable", (_name, env, variables) => {
    const found = problems(env).map((p) => p.variable);
    for (const v of variables) expect(found).toContain(v);
  });

  it("formats one message listing every problem by variable", () => {
    try {
      load({ PORT: "x", MICROSOFT_APP_ID: APP_ID });
      expect.unreachable();
    } catch (err) {
      const text = (err as Error).message;
      expect(text).toMatch(/configuration is invalid \(2 problems\)/);
      expect(text).toMatch(/^ {2}- PORT: /m);
      expect(text).toMatch(/^ {2}- MICROSOFT_APP_PASSWORD: is required/m);
    }
  });

  it.each([
    ["JSON", '[{"platform":"teams","workspace":"t1","channel":"19:abc@thread.tacv2"}]'],
    ["the compact form", "teams:t1:19:abc@thread.tacv2"],
  ])("parses fixed quiz subscriptions written as %s, with the configured defaults", (_form, value) => {
    const c = load({
      QUIZ_SUBSCRIPTIONS: value,
      QUIZ_DEFAULT_TIME: "08:15",
      QUIZ_DEFAULT_TIMEZONE: "Europe/Berlin",
    });
    expect(c.quiz.subscriptions).toEqual([
      {
        platform: "teams",
        workspace: "t1",
        channel: "19:abc@thread.tacv2",
        time: "08:15",
        timezone: "Europe/Berlin",
        days: "weekdays",
      },
    ]);
  });

  it("reads .env for what the environment does not set; the environment wins", () => {
    const envFile = join(dir, "test.env");
    writeFileSync(envFile, "PORT=4000\nLOG_LEVEL=debug\n# comment\nQUIZ_GRACE_MINUTES=30\n");
    const c = loadConfig({ LOG_LEVEL: "warn" }, { envFile, cwd: dir });
    expect(c).toMatchObject({ port: 4000, logLevel: "warn", quiz: { graceMinutes: 30 } });
  });

  it("lists every secret, including the password inside DATABASE_URL, and describes the store without it", () => {
    const c = load({
      SLACK_BOT_TOKEN: "xoxb-bot-token",
      SLACK_SIGNING_SECRET: "signing-secret",
      SLACK_APP_TOKEN: "xapp-app-token",
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "teams-password",
      DATABASE_URL: "postgres://srm:db%2Fpass@db.internal:5432/srm",
    });
    expect(secretValues(c)).toEqual(
      expect.arrayContaining([
        "xoxb-bot-token",
        "signing-secret",
        "xapp-app-token",
        "teams-password",
        "db%2Fpass",
        "db/pass",
      ]),
    );
    expect(describeStore(c.store)).toBe("PostgreSQL at db.internal:5432/srm");
  });

  it(".env.example documents every variable, and nothing else, and loads as it is", () => {
    const example = join(projectRoot, ".env.example");
    const documented = [...readFileSync(example, "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(loadConfig({}, { envFile: example, cwd: dir })).toMatchObject({ mode: "local", port: 3978 });
  });
});
