// A real srm-bot Teams endpoint on a loopback port, a fake Bot Connector for its replies, the real store
// (SQLite in memory) and activities shaped like the ones Teams sends.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import pino, { type Logger } from "pino";
import { createEngine } from "../../src/engine/index.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import type { Notifier, QuizService } from "../../src/quiz/types.js";
import type { AdaptiveCard } from "../../src/render/adaptive.js";
import { createStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import {
  createTeamsAdapter,
  createTeamsNotifier,
  mountTeams,
  type TeamsEndpoint,
  type TeamsMount,
} from "../../src/teams/index.js";
import { type FakeConnector, type SentActivity, startFakeConnector } from "./fake-connector.js";

export const kb = loadKnowledge({
  dataDir: defaultDataDir,
  intentsDir: defaultIntentsDir,
  root: projectRoot,
});
export const engine = createEngine(kb);

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const APP_ID = "5d6a0f2b-3c1e-4a8b-9f7d-1e2c3b4a5d6e";

export interface CapturedLogger {
  logger: Logger;
  lines: Array<Record<string, unknown> & { level: number; msg?: string }>;
  text(): string;
}

export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger["lines"] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      const s = String(chunk);
      raw.push(s);
      lines.push(JSON.parse(s));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines, text: () => raw.join("") };
}

export async function memoryStore(logger: Logger): Promise<Store> {
  const store = createStore({ sqlitePath: ":memory:", logger });
  await store.migrate();
  return store;
}

export interface BotServer {
  url: string;
  connector: FakeConnector;
  store: Store;
  logs: CapturedLogger;
  mount: TeamsMount;
  /** The recipient id Teams uses for this bot ("28:" + app id). */
  botId: string;
  post(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  postRaw(body: string, headers: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

/** What a test sets: an app id makes the endpoint authenticated, as MICROSOFT_APP_ID does. */
export interface TestTeamsSettings {
  appId?: string;
  appPassword?: string;
  appType?: "MultiTenant" | "SingleTenant";
  tenantId?: string;
  openIdMetadataUrl?: string;
}

function endpointOf(s: TestTeamsSettings): TeamsEndpoint {
  if (!s.appId) return { mode: "local" };
  return {
    mode: "authenticated",
    appId: s.appId,
    appPassword: s.appPassword ?? "",
    appType: s.appType ?? "MultiTenant",
    ...(s.tenantId ? { tenantId: s.tenantId } : {}),
    ...(s.openIdMetadataUrl ? { openIdMetadataUrl: s.openIdMetadataUrl } : {}),
  };
}

export interface StartBotOptions {
  /** Settings, or settings made from the fake connector (e.g. its OpenID configuration URL). */
  teams?: TestTeamsSettings | ((connector: FakeConnector) => TestTeamsSettings);
  /** A quiz service, or one built on the bot's store and Teams notifier (the wiring src/index.ts does). */
  quiz?: QuizService | null | ((deps: { store: Store; notifier: Notifier; logger: Logger }) => QuizService);
}

export async function startBot(opts: StartBotOptions = {}): Promise<BotServer> {
  const logs = captureLogger();
  const store = await memoryStore(logs.logger);
  const connector = await startFakeConnector();
  const settings = typeof opts.teams === "function" ? opts.teams(connector) : (opts.teams ?? {});
  const teams = endpointOf(settings);
  // The order src/index.ts follows: adapter, then the notifier the quiz needs, then the quiz, then the route.
  const adapter = createTeamsAdapter(teams, logs.logger);
  const notifier = createTeamsNotifier(adapter, store, adapter.appId, logs.logger);
  const quiz =
    typeof opts.quiz === "function" ? opts.quiz({ store, notifier, logger: logs.logger }) : opts.quiz;
  const app = express();
  const mount = mountTeams(app, { engine, store, quiz: quiz ?? null, logger: logs.logger, teams, adapter });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  const postRaw = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(url, { method: "POST", body, headers });
    return { status: res.status, text: await res.text() };
  };
  return {
    url,
    connector,
    store,
    logs,
    mount,
    botId: `28:${settings.appId ?? "srm-bot-local"}`,
    postRaw,
    async post(activity, headers = {}) {
      const r = await postRaw(JSON.stringify(activity), { "content-type": "application/json", ...headers });
      let body: unknown = r.text;
      try {
        body = r.text ? JSON.parse(r.text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: r.status, body };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await store.close();
    },
  };
}

/** The Adaptive Cards attached to sent activities. */
export function cardsOf(sent: SentActivity[]): AdaptiveCard[] {
  return sent.flatMap((s) => {
    const atts = (s.activity.attachments ?? []) as Array<{ contentType: string; content: AdaptiveCard }>;
    return atts
      .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
      .map((a) => a.content);
  });
}

/** Every text a card shows, in order (TextBlocks, TextRuns, fact titles and values, button titles). */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if ((o.type === "TextBlock" || o.type === "TextRun") && typeof o.text === "string") out.push(o.text);
    if (typeof o.title === "string" && (String(o.type ?? "").startsWith("Action.") || "value" in o))
      out.push(o.title);
    if (typeof o.value === "string" && "title" in o) out.push(o.value);
    for (const [k, child] of Object.entries(o)) if (k !== "data" && typeof child === "object") walk(child);
  };
  walk(card);
  return out;
}

/** The `data` of every button (Submit, Execute, selectAction) in a card. */
export function cardActions(
  card: unknown,
): Array<{ type: string; title?: string; data: Record<string, unknown> }> {
  const out: Array<{ type: string; title?: string; data: Record<string, unknown> }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if ((o.type === "Action.Submit" || o.type === "Action.Execute") && o.data)
      out.push({
        type: o.type,
        title: o.title as string | undefined,
        data: o.data as Record<string, unknown>,
      });
    for (const [k, child] of Object.entries(o)) if (k !== "data" && typeof child === "object") walk(child);
  };
  walk(card);
  return out;
}

// ---- Activities as Teams sends them -------------------------------------------------------------------

let seq = 1_700_000_000_000;
const nextId = () => String(seq++);

export const USER = {
  id: "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06X1-cHHle4zOE6U4ttcc",
  name: "Ada Lovelace",
  aadObjectId: "6be4e3b6-8b6a-4d1f-9a2c-0c1d2e3f4a5b",
};

const CHANNEL = "19:4a5f2d1b8c9e4f0a9b7c6d5e4f3a2b1c@thread.tacv2";
const TEAM = "19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2";
const PERSONAL =
  "a:1Xh7VCQ3qWd9bFDqH4CkHXtOIhbpAjL1H8jGtn6SJiYRxvY6w3o1aUPRZb_XwZxJLSmGq5e0X8YqGcuGc5ijNCu1DQxkXyR0w0JqKMA2LhALPVd";
const GROUP_CHAT = "19:meeting_NjY3ZGI4YTktZmI0Zi00ZjM3LWI5YzUtOTQ0MGJlNzQ2YzYz@thread.v2";

export type Scope = "channel" | "personal" | "groupChat";

export function conversationOf(scope: Scope, rootMessageId?: string) {
  switch (scope) {
    case "channel":
      return {
        isGroup: true,
        conversationType: "channel",
        tenantId: TENANT,
        id: `${CHANNEL};messageid=${rootMessageId ?? nextId()}`,
      };
    case "groupChat":
      return { isGroup: true, conversationType: "groupChat", tenantId: TENANT, id: GROUP_CHAT };
    case "personal":
      return { conversationType: "personal", tenantId: TENANT, id: PERSONAL };
  }
}

export const CONVERSATIONS = { channel: CHANNEL, team: TEAM, personal: PERSONAL, groupChat: GROUP_CHAT };

function channelData(scope: Scope) {
  return scope === "channel"
    ? {
        teamsChannelId: CHANNEL,
        teamsTeamId: TEAM,
        channel: { id: CHANNEL },
        team: { id: TEAM },
        tenant: { id: TENANT },
      }
    : { tenant: { id: TENANT } };
}

export function teamsMessage(
  bot: { botId: string; serviceUrl: string },
  scope: Scope,
  text: string,
  opts: { mention?: boolean; id?: string } = {},
): Record<string, unknown> {
  const id = opts.id ?? nextId();
  const mention = opts.mention ?? scope !== "personal";
  const mentionText = "<at>srm-bot</at>";
  return {
    text: mention ? `${mentionText} ${text}` : text,
    textFormat: "plain",
    type: "message",
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    id,
    channelId: "msteams",
    serviceUrl: bot.serviceUrl,
    from: USER,
    conversation: conversationOf(scope, id),
    recipient: { id: bot.botId, name: "srm-bot" },
    entities: [
      ...(mention
        ? [{ mentioned: { id: bot.botId, name: "srm-bot" }, text: mentionText, type: "mention" }]
        : []),
      { locale: "en-US", country: "US", platform: "Web", timezone: "Europe/Berlin", type: "clientInfo" },
    ],
    channelData: channelData(scope),
    locale: "en-US",
    localTimezone: "Europe/Berlin",
  };
}

/** An Action.Submit press: a message with the button's data as `value`, replying to the card's message. */
export function teamsSubmit(
  bot: { botId: string; serviceUrl: string },
  scope: Scope,
  value: unknown,
  replyToId: string,
): Record<string, unknown> {
  const id = nextId();
  return {
    type: "message",
    timestamp: new Date().toISOString(),
    id,
    channelId: "msteams",
    serviceUrl: bot.serviceUrl,
    from: USER,
    conversation: conversationOf(scope, replyToId),
    recipient: { id: bot.botId, name: "srm-bot" },
    entities: [
      { locale: "en-US", country: "US", platform: "Web", timezone: "Europe/Berlin", type: "clientInfo" },
    ],
    channelData: { ...channelData(scope), source: { name: "message" }, legacy: { replyToId } },
    replyToId,
    value,
    locale: "en-US",
  };
}

/** An Action.Execute press: an adaptiveCard/action invoke; Teams shows the card in the response to this user only. */
export function teamsExecute(
  bot: { botId: string; serviceUrl: string },
  scope: Scope,
  data: unknown,
  replyToId: string,
): Record<string, unknown> {
  return {
    name: "adaptiveCard/action",
    type: "invoke",
    timestamp: new Date().toISOString(),
    id: `f:${nextId()}`,
    channelId: "msteams",
    serviceUrl: bot.serviceUrl,
    from: USER,
    conversation: conversationOf(scope, replyToId),
    recipient: { id: bot.botId, name: "srm-bot" },
    entities: [
      { locale: "en-US", country: "US", platform: "Web", timezone: "Europe/Berlin", type: "clientInfo" },
    ],
    channelData: { ...channelData(scope), source: { name: "message" }, legacy: { replyToId } },
    replyToId,
    value: {
      action: { type: "Action.Execute", title: "AWS", id: "answer", verb: "quiz_answer", data },
      trigger: "manual",
    },
    locale: "en-US",
  };
}

/** conversationUpdate as Teams sends it when the app is added to a team (to its General channel) or a chat. */
export function teamsInstall(
  bot: { botId: string; serviceUrl: string },
  scope: Scope,
  membersAdded?: Array<{ id: string; aadObjectId?: string }>,
): Record<string, unknown> {
  const conversation =
    scope === "channel"
      ? { isGroup: true, conversationType: "channel", tenantId: TENANT, id: CHANNEL }
      : conversationOf(scope);
  return {
    membersAdded: membersAdded ?? [{ id: bot.botId }],
    type: "conversationUpdate",
    timestamp: new Date().toISOString(),
    id: `f:${nextId()}`,
    channelId: "msteams",
    serviceUrl: bot.serviceUrl,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation,
    recipient: { id: bot.botId, name: "srm-bot" },
    channelData:
      scope === "channel"
        ? {
            team: { aadGroupId: "b2f3c4d5-0000-4000-8000-000000000001", name: "Cloud", id: TEAM },
            eventType: "teamMemberAdded",
            tenant: { id: TENANT },
          }
        : { tenant: { id: TENANT } },
  };
}
