import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";

/**
 * The ids seen lately, oldest forgotten first. Slack retries an event it thinks we missed (HTTP
 * X-Slack-Retry-Num, or a Socket Mode envelope sent again); the retry carries the same event_id.
 * In memory: with several replicas a retry can land on another one (see README, Slack section).
 */
export class RecentIds {
  private readonly ids = new Map<string, true>();
  constructor(private readonly max = 10_000) {}

  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.set(id, true);
    if (this.ids.size > this.max) {
      const oldest = this.ids.keys().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return false;
  }

  clear(): void {
    this.ids.clear();
  }
}

/** Global middleware: a repeated event is acknowledged (Bolt acks events first) and goes no further. */
export function dropRepeatedEvents(recent: RecentIds, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const id = eventIdOf(body);
    if (id && recent.seen(id)) {
      logger.info(
        { eventId: id, retryNum: context.retryNum, retryReason: context.retryReason },
        "repeated Slack event skipped",
      );
      return;
    }
    await next();
  };
}

function eventIdOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as { type?: unknown; event_id?: unknown };
  return b.type === "event_callback" && typeof b.event_id === "string" ? b.event_id : undefined;
}
