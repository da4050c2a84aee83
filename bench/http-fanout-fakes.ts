// Slack's Web API and Teams' Bot Connector as the daily-quiz fan-out meets them, for `BENCH_ONLY=fanout`:
// each enforces its platform's published posting limits with token buckets and answers 429 with Retry-After
// past them, after a fixed latency per call (real chat.postMessage calls take tens to hundreds of ms).
// Slack: about one message a second per channel (bursts of 2) and a workspace budget (BENCH_SLACK_PER_MINUTE,
// 300, bursts of 10 s of it); Teams: 7 a second per conversation and 50 a second per tenant.
// One bot token is one Slack workspace: the fake reads the workspace from a table of channel ids, as Slack
// would from the token of each workspace's installation.

import type { IncomingMessage, ServerResponse } from "node:http";
import { listenOnLoopback } from "./http-loopback.js";

class Buckets {
  private readonly b = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}
  /** 0 when a token was taken, else the seconds until one is free. */
  take(key: string, now = Date.now()): number {
    const b = this.b.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.b.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.perSecond;
  }
}

export interface FanoutFakes {
  url: string;
  apiUrl: string;
  /** Which workspace (Slack team, Teams tenant) each channel or conversation is in. */
  workspaceOf: Map<string, string>;
  /** Successful posts per channel or conversation. */
  posts: Map<string, number>;
  /** When each post was accepted (ms since epoch). */
  times: number[];
  refused: { slack: number; teams: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startFanoutFakes(opts: { slackPerMinute: number; latencyMs: number }) {
  const slackChannel = new Buckets(1, 2);
  const slackWorkspace = new Buckets(opts.slackPerMinute / 60, Math.max(1, opts.slackPerMinute / 6));
  const teamsConversation = new Buckets(7, 7);
  const teamsTenant = new Buckets(50, 50);
  const fakes: FanoutFakes = {
    url: "",
    apiUrl: "",
    workspaceOf: new Map(),
    posts: new Map(),
    times: [],
    refused: { slack: 0, teams: 0 },
    reset() {
      fakes.posts.clear();
      fakes.times.length = 0;
      fakes.refused = { slack: 0, teams: 0 };
    },
    close: async () => {},
  };
  let ts = 1_700_000_000;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    setTimeout(() => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(text);
    }, opts.latencyMs);
  };
  const accepted = (channel: string) => {
    fakes.posts.set(channel, (fakes.posts.get(channel) ?? 0) + 1);
    fakes.times.push(Date.now());
  };
  const refuse = (res: ServerResponse, waitS: number, body: unknown) =>
    json(res, 429, body, { "retry-after": String(Math.max(1, Math.ceil(waitS))) });

  const slack = (method: string, body: string, res: ServerResponse) => {
    if (method === "auth.test")
      return json(res, 200, {
        ok: true,
        team_id: "T0BENCH",
        user_id: "U0BOT",
        bot_id: "B0BOT",
        team: "Bench",
      });
    if (method !== "chat.postMessage") return json(res, 200, { ok: true });
    const channel = new URLSearchParams(body).get("channel") ?? "";
    const workspace = fakes.workspaceOf.get(channel) ?? "unknown";
    const wait = slackChannel.take(channel) || slackWorkspace.take(workspace);
    if (wait > 0) {
      fakes.refused.slack += 1;
      return refuse(res, wait, { ok: false, error: "ratelimited" });
    }
    accepted(channel);
    ts += 1;
    return json(res, 200, { ok: true, channel, ts: `${ts}.000100` });
  };

  const teams = (conversation: string, res: ServerResponse) => {
    const base = conversation.split(";")[0] ?? conversation;
    const tenant = fakes.workspaceOf.get(base) ?? "unknown";
    const wait = teamsConversation.take(base) || teamsTenant.take(tenant);
    if (wait > 0) {
      fakes.refused.teams += 1;
      return refuse(res, wait, { error: { code: "TooManyRequests", message: "slow down" } });
    }
    accepted(base);
    return json(res, 201, { id: `bench-${++ts}` });
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = req.url ?? "/";
    if (path.startsWith("/api/")) return slack(path.slice(5).split("?")[0] ?? "", body, res);
    const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
    if (m) return teams(decodeURIComponent(m[1] ?? ""), res);
    res.writeHead(404);
    res.end();
  };

  const loopback = await listenOnLoopback(handle);
  fakes.url = loopback.url;
  fakes.apiUrl = `${fakes.url}/api/`;
  fakes.close = loopback.close;
  return fakes;
}
