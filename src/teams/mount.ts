import { ActivityTypes, INVOKE_RESPONSE_KEY } from "botbuilder";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import { writes } from "../conversation/writes.js";
import type { Engine } from "../engine/engine.js";
import type { Notifier, Pace, QuizService } from "../quiz/types.js";
import type { RateLimiter } from "../server/rate-limit.js";
import { SeenRequests } from "../server/seen-requests.js";
import type { Store } from "../store/types.js";
import { actorOf, inputOf, tenantOf } from "./activity.js";
import { createTeamsAdapter, type TeamsAdapter, type TeamsEndpoint } from "./adapter.js";
import { SrmTeamsBot } from "./bot.js";
import { createTeamsNotifier } from "./notifier.js";

export const TEAMS_PATH = "/api/messages";

/** How long an activity id is remembered: Bot Framework redelivers within minutes. */
const SEEN_TTL_MS = 60 * 60_000;

export interface MountTeamsOptions {
  engine: Engine;
  store: Store;
  /** Until the quiz is wired, quiz commands and buttons answer that the quiz is not available. */
  quiz?: QuizService | null;
  logger: Logger;
  teams: TeamsEndpoint;
  /** An adapter made earlier with createTeamsAdapter (e.g. to build the quiz's notifier first). */
  adapter?: TeamsAdapter;
  /** Writes per person (keys "teams:<tenant>:<user>"), shared with the other surfaces; absent: none. */
  userLimit?: RateLimiter;
  /** How fast the daily quiz may post (teamsPace); absent: unpaced. */
  pace?: Pace;
}

export interface TeamsMount {
  adapter: TeamsAdapter;
  bot: SrmTeamsBot;
  /** Posts quiz cards and reveals into Teams conversations (same adapter). */
  notifier: Notifier;
}

/** Adds POST /api/messages, the Bot Framework messaging endpoint Teams (or the Emulator) calls. */
export function mountTeams(app: Express, opts: MountTeamsOptions): TeamsMount {
  const logger = opts.logger.child({ adapter: "teams" });
  const adapter = opts.adapter ?? createTeamsAdapter(opts.teams, logger);
  const bot = new SrmTeamsBot({ engine: opts.engine, store: opts.store, quiz: opts.quiz, logger });
  const notifier = createTeamsNotifier(adapter, opts.store, adapter.appId, logger, opts.pace);

  const badBody: ErrorRequestHandler = (err, _req, res, next) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status !== "number" || status < 400 || status >= 500) return next(err);
    res.status(status).json({ error: status === 413 ? "request too large" : "request body must be JSON" });
  };

  const seen = new SeenRequests(opts.store, logger);
  const handle: RequestHandler = async (req, res) => {
    await adapter.handle(req, res, async (context) => {
      // Bot Framework may deliver an activity again (a timeout, a redelivery to another replica): the same
      // id in the same conversation is answered once. Claimed after authentication, so only a caller with a
      // valid token can claim ids.
      const { id, conversation, channelId } = context.activity;
      const conv = typeof conversation?.id === "string" ? conversation.id : "";
      const key = typeof id === "string" && id && conv ? [`teams:${channelId}:${conv}:${id}`] : [];
      // After authentication, so a forged activity cannot spend someone else's budget. Refused: nothing is
      // run or sent, and the adapter answers 429 with Retry-After (see TeamsAdapter.handle). A reply would
      // cost a connector call per refused request, itself rate-limited by Teams per conversation.
      const input = opts.userLimit ? inputOf(context.activity) : null;
      if (input && opts.userLimit && writes(input)) {
        const verdict = opts.userLimit.take(
          `teams:${tenantOf(context.activity)}:${actorOf(context.activity).user}`,
        );
        if (!verdict.ok) {
          res.locals.retryAfterS = verdict.retryAfterS;
          return;
        }
      }
      if (await seen.firstTime(key, SEEN_TTL_MS)) {
        await bot.run(context);
        return;
      }
      logger.info({ activityId: id, type: context.activity.type }, "repeated Teams activity skipped");
      // An invoke needs an answer of its own, or the SDK reports 501.
      if (context.activity.type === ActivityTypes.Invoke)
        context.turnState.set(INVOKE_RESPONSE_KEY, {
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: {} },
        });
    });
  };
  app.post(TEAMS_PATH, express.json({ limit: "1mb" }), handle, badBody);
  return { adapter, bot, notifier };
}
