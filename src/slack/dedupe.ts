import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";
import { hashKey, type SeenRequests } from "../server/seen-requests.js";

/**
 * How long a request is remembered. Slack retries an event three times within about five minutes (HTTP
 * X-Slack-Retry-Num, or a Socket Mode envelope sent again, both with the same event_id), and a signed request
 * is accepted for five minutes either side of its timestamp (verify.ts): an hour covers both with room.
 */
export const SEEN_TTL_MS = 60 * 60_000;

/** What our receivers put in Bolt's context for this: the request's signature (HTTP), its envelope (Socket Mode). */
export interface DedupeContext {
  requestSignature?: string;
  envelopeId?: string;
}

/**
 * Global middleware: a request seen before, on this replica or any other sharing the store, is acknowledged
 * (Bolt acks events before middleware; other kinds are acked here) and goes no further. Keys: the event id
 * (a retried event), the signature (the same signed bytes sent again: a replay), the envelope id.
 */
export function dropRepeatedRequests(seen: SeenRequests, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const ctx = context as DedupeContext & typeof context;
    const eventId = eventIdOf(body);
    const keys = [
      ...(eventId ? [`slack:event:${eventId}`] : []),
      ...(ctx.requestSignature ? [hashKey("slack:sig", ctx.requestSignature)] : []),
      ...(ctx.envelopeId ? [`slack:envelope:${ctx.envelopeId}`] : []),
    ];
    if (await seen.firstTime(keys, SEEN_TTL_MS)) {
      await next();
      return;
    }
    logger.info(
      { eventId, retryNum: context.retryNum, retryReason: context.retryReason, envelopeId: ctx.envelopeId },
      eventId ? "repeated Slack event skipped" : "repeated Slack request skipped",
    );
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (ack) await ack();
  };
}

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown };
  return b.type === "event_callback" && typeof b.event_id === "string" ? b.event_id : undefined;
}
