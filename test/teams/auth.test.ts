// With an app id configured, only requests carrying a Bot Framework token signed by a published key,
// issued for this bot and for the activity's service URL, reach the bot. Signing keys come from the fake
// connector's OpenID configuration (no internet).

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  APP_ID,
  type BotServer,
  CONVERSATIONS,
  startBot,
  TENANT,
  teamsInstall,
  teamsMessage,
} from "./harness.js";
import { StubQuiz } from "./stub-quiz.js";

describe.each([
  { appType: "MultiTenant" as const, tenantId: undefined },
  { appType: "SingleTenant" as const, tenantId: TENANT },
])("Teams endpoint with an app id ($appType)", ({ appType, tenantId }) => {
  let bot: BotServer;
  let quiz: StubQuiz;

  beforeAll(async () => {
    quiz = new StubQuiz();
    bot = await startBot({
      quiz,
      teams: (connector) => ({
        appId: APP_ID,
        appPassword: "not-a-real-secret",
        appType,
        ...(tenantId ? { tenantId } : {}),
        openIdMetadataUrl: connector.openIdUrl,
      }),
    });
  });
  afterAll(async () => {
    await bot.close();
  });

  const keys = () => bot.connector;
  const target = () => ({ botId: bot.botId, serviceUrl: bot.connector.url });
  const claims = () => ({ aud: APP_ID, serviceurl: bot.connector.url, appid: "bf-channel" });

  async function reachedNothing() {
    expect(bot.connector.sent).toEqual([]);
    expect(quiz.calls).toEqual([]);
    const key = { platform: "teams" as const, workspace: TENANT, channel: CONVERSATIONS.channel };
    expect(await bot.store.getConversationRef(key)).toBeNull();
  }

  it("logs that authentication is on, and never the password", () => {
    expect(bot.logs.lines.some((l) => /authentication on/.test(String(l.msg)))).toBe(true);
    expect(bot.logs.text()).not.toContain("not-a-real-secret");
  });

  it.each<[string, () => Record<string, string>, RegExp]>([
    ["no Authorization header", () => ({}), /not authorized/],
    ["a non-Bearer scheme", () => ({ authorization: "Basic dXNlcjpwYXNz" }), /No valid identity/],
    ["a token that is not a JWT", () => ({ authorization: "Bearer not-a-token" }), /No valid identity/],
    [
      "a token signed with a key Bot Framework never published",
      () => ({ authorization: `Bearer ${keys().token(claims(), { forged: true })}` }),
      /invalid signature/,
    ],
    [
      "a token with an unknown key id",
      () => ({ authorization: `Bearer ${keys().token(claims(), { kid: "other" })}` }),
      /Signing Key could not be retrieved/,
    ],
    [
      "a token for another bot",
      () => ({
        authorization: `Bearer ${keys().token({ ...claims(), aud: "11111111-2222-3333-4444-555555555555" })}`,
      }),
      /Invalid AppId/,
    ],
    [
      "an expired token",
      () => ({
        authorization: `Bearer ${keys().token({ ...claims(), exp: Math.floor(Date.now() / 1000) - 3600 })}`,
      }),
      /expired/,
    ],
    [
      "a token from another issuer",
      () => ({ authorization: `Bearer ${keys().token({ ...claims(), iss: "https://evil.example" })}` }),
      /No valid identity/,
    ],
  ])("%s gets 401 and reaches no handler", async (_name, headers, reason) => {
    // botframework-connector writes some refusals to console.error itself (with a stack for an expired
    // token); caught here so the run's output holds only real failures, and checked to be what we expect.
    const sdkSaid: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      sdkSaid.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(" "));
    });
    let res: Awaited<ReturnType<typeof bot.post>>;
    try {
      res = await bot.post(teamsMessage(target(), "channel", "quiz daily 09:00"), headers());
    } finally {
      spy.mockRestore();
    }
    for (const line of sdkSaid)
      expect(line).toMatch(/^(Error finding key for token|TokenExpiredError: jwt expired)/);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: "unauthorized" });
    // Refused for the stated reason, not by accident (the same key and claims pass in the last test).
    expect(bot.logs.lines.at(-1)).toMatchObject({ level: 40, reason: expect.stringMatching(reason) });
    await reachedNothing();
  });

  it("a token for another service URL is refused (a stolen token cannot redirect replies)", async () => {
    const token = keys().token({ ...claims(), serviceurl: "https://attacker.example/" });
    const res = await bot.post(teamsMessage(target(), "channel", "help"), {
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(401);
    expect(bot.logs.lines.at(-1)).toMatchObject({ reason: expect.stringMatching(/ServiceUrl claim/) });
    await reachedNothing();
  });

  it("a valid channel token gets through to the bot", async () => {
    // A person (not the bot) joining: the bot saves the reference and sends nothing, so no outbound token is needed.
    const activity = teamsInstall(target(), "channel", [{ id: "29:new-person", aadObjectId: "b" }]);
    const res = await bot.post(activity, { authorization: `Bearer ${keys().token(claims())}` });
    expect(res.status).toBe(200);
    const key = { platform: "teams" as const, workspace: TENANT, channel: CONVERSATIONS.channel };
    expect(await bot.store.getConversationRef(key)).not.toBeNull();
  });
});
