// Slack's HTTP requests, handed to Bolt: a Bolt Receiver (https://tools.slack.dev/bolt-js/concepts/receiver)
// mounted as one express handler behind the signature guard (verify.ts). It does what Bolt's ExpressReceiver
// did for us — parse the body, answer ssl_check and url_verification, send what ack() is given — without its
// second body reader, per-request timer and router, which showed in the server's CPU profile under load
// (npm run bench:http, BENCH_PROFILE=1).

import { parse as parseForm } from "node:querystring";
import { type App, AuthorizationError, type Receiver, type ReceiverEvent } from "@slack/bolt";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { roomForAnotherRequest } from "./defer.js";

/** What Slack sends: JSON (Events API), a form (slash commands), or a form whose `payload` is JSON. */
export function parseSlackBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded") {
    const form = parseForm(raw);
    return typeof form.payload === "string" ? JSON.parse(form.payload) : { ...form };
  }
  return JSON.parse(raw);
}

function send(res: Response, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === "") {
    res.writeHead(200).end();
    return;
  }
  const json = typeof body === "string" ? undefined : JSON.stringify(body);
  res
    .writeHead(200, { "content-type": json === undefined ? "text/plain; charset=utf-8" : "application/json" })
    .end(json ?? body);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly logger: Logger) {}

  init(app: App): void {
    this.app = app;
  }

  // The shared server owns the port: nothing to open or close here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** For `/slack/events`, after the signature guard: `req.rawBody` is verified. */
  readonly handler: RequestHandler = (req, res) => {
    void this.handle(req, res);
  };

  private async handle(req: Request, res: Response): Promise<void> {
    let body: unknown;
    try {
      body = parseSlackBody((req.rawBody ?? Buffer.alloc(0)).toString("utf8"), req.get("content-type"));
    } catch {
      this.logger.warn({ reqId: req.id }, "refused a Slack request whose body could not be parsed");
      res.writeHead(400).end();
      return;
    }
    if (!isRecord(body)) {
      this.logger.warn({ reqId: req.id }, "refused a Slack request whose body is not an object");
      res.writeHead(400).end();
      return;
    }
    if (body.ssl_check) {
      send(res, "");
      return;
    }
    if (body.type === "url_verification") {
      send(res, { challenge: body.challenge });
      return;
    }

    // Under overload, wait for the answers already queued instead of queueing more (defer.ts).
    const room = roomForAnotherRequest();
    if (room) await room;

    let acknowledged = false;
    const retryNum = Number(req.get("x-slack-retry-num"));
    const retryReason = req.get("x-slack-retry-reason");
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acknowledged) throw new Error("ack() was called more than once for one Slack request");
        acknowledged = true;
        send(res, response);
      },
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
      // Verified by the guard: the same signature twice is the same request sent twice (dedupe.ts).
      customProperties: { requestSignature: req.get("x-slack-signature") ?? "" },
    };
    try {
      await this.app?.processEvent(event);
      if (!acknowledged) {
        // No listener took it (an interaction srm-bot does not offer): Slack should not wait 3 s to learn so.
        this.logger.warn({ reqId: req.id, type: body.type }, "a Slack request no listener acknowledged");
        acknowledged = true;
        res.writeHead(404).end();
      }
    } catch (err) {
      if (acknowledged || res.headersSent) {
        this.logger.error({ err }, "a Slack request failed after it was acknowledged");
        return;
      }
      acknowledged = true;
      if (err instanceof AuthorizationError) {
        res.writeHead(401).end();
        return;
      }
      // Our listeners acknowledge before doing any work, so what throws here is Bolt reading a signed body it
      // cannot make sense of (an event whose fields have the wrong types): a bad request.
      this.logger.warn({ err }, "refused a Slack request that could not be processed");
      res.writeHead(400).end();
    }
  }
}
