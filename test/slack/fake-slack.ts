// A local stand-in for Slack's Web API (https://slack.com/api/<method>) and for the response_url endpoints
// of slash commands and buttons. It records every call so tests can assert on what srm-bot posted.

import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface WebApiCall {
  method: string;
  /** Arguments as the client sent them; JSON-encoded fields (blocks, view) decoded. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered. */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  /** The path id the test gave the response_url. */
  id: string;
  body: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

/** A Web API answer, or an HTTP failure with its status. */
type Reply =
  | { kind: "ok"; body: Record<string, unknown> }
  | { kind: "http"; status: number; body: Record<string, unknown> };

export class FakeSlack {
  readonly calls: WebApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Reply[]>();
  private readonly users = new Map<string, FakeUser>();
  private readonly holds = new Map<string, Promise<void>>();
  private server: Server | undefined;
  private ts = 1_700_000_000;
  url = "";
  /** What apps.connections.open hands out (Socket Mode): a local WebSocket server in tests. */
  socketUrl = "";

  /** Web API base URL for the client (Bolt clientOptions.slackApiUrl / SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` get this reply instead of success: `{ ok: false, error }` by default. */
  fail(method: string, error = "internal_error", times = 1, status = 200): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++)
      list.push(
        status === 200
          ? { kind: "ok", body: { ok: false, error } }
          : { kind: "http", status, body: { ok: false, error } },
      );
    this.failures.set(method, list);
  }

  /** Holds posts to this response_url until the returned function is called. */
  hold(responseId: string): () => void {
    let release = () => {};
    this.holds.set(responseId, new Promise<void>((resolve) => (release = resolve)));
    return () => release();
  }

  callsOf(method: string): WebApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Resolves with the first recorded call matching `pred` (already recorded or arriving later). */
  waitForCall(pred: (c: WebApiCall) => boolean, timeoutMs = 10_000): Promise<WebApiCall> {
    return this.waitFor("call", () => this.calls.find(pred), timeoutMs);
  }

  waitForResponse(pred: (r: ResponseUrlPost) => boolean, timeoutMs = 10_000): Promise<ResponseUrlPost> {
    return this.waitFor("response", () => this.responses.find(pred), timeoutMs);
  }

  private waitFor<T>(event: string, find: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (hit === undefined) return;
        clearTimeout(timer);
        this.events.off(event, check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.events.off(event, check);
        const seen = [...this.calls.map((c) => c.method), ...this.responses.map((r) => `response:${r.id}`)];
        reject(new Error(`timed out waiting for a ${event}; seen: ${seen.join(", ") || "nothing"}`));
      }, timeoutMs);
      this.events.on(event, check);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.url);
    if (url.pathname.startsWith("/response/")) {
      const id = url.pathname.slice("/response/".length);
      await this.holds.get(id);
      this.responses.push({ id, body: JSON.parse(raw || "{}") as Record<string, unknown> });
      this.events.emit("response");
      res.setHeader("content-type", "text/plain");
      res.end("ok");
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const args = parseArgs(raw, req.headers["content-type"]);
    const auth = req.headers.authorization;
    const call: WebApiCall = { method, args, token: auth?.startsWith("Bearer ") ? auth.slice(7) : undefined };
    const failure = this.failures.get(method)?.shift();
    const reply: Reply = failure ?? { kind: "ok", body: this.success(method, args) };
    const status = reply.kind === "http" ? reply.status : 200;
    const body = reply.body;
    call.result = body;
    this.calls.push(call);
    this.events.emit("call");
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  }

  private success(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://example.slack.com/",
          team: "Example",
          user: "srm-bot",
          team_id: "T0TEAM",
          user_id: "U0BOT",
          bot_id: "B0BOT",
        };
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "invalid_auth" };
      case "chat.postMessage":
        this.ts += 1;
        return { ok: true, channel: args.channel, ts: `${this.ts}.000100`, message: { text: args.text } };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${this.ts}.000200` };
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "views.publish":
        return { ok: true, view: { id: "V0HOME", ...(args.view as object) } };
      case "users.info": {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: u.id,
            name: u.name ?? u.id.toLowerCase(),
            real_name: u.name ?? u.id,
            tz: u.tz ?? "Europe/Berlin",
            is_admin: u.is_admin ?? false,
            is_owner: u.is_owner ?? false,
            is_primary_owner: false,
            profile: { display_name: u.name ?? "", real_name: u.name ?? u.id },
          },
        };
      }
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The Web API client sends form bodies with objects JSON-encoded, or JSON for some methods. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // a plain string that happens to start with a bracket
      }
    }
    out[k] = v;
  }
  return out;
}
