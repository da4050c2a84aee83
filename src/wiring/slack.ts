// Slack as a surface: Socket Mode with an app token, else HTTP at /slack/events on the shared app.

import type { Logger } from "pino";
import type { SlackConfig } from "../config.js";
import type { Notifier } from "../quiz/types.js";
import { createSlackApp, SLACK_EVENTS_PATH } from "../slack/app.js";
import { createSlackClient } from "../slack/client.js";
import { createSlackNotifier, slackPace } from "../slack/notifier.js";
import { fail, type MountedSurface, type SurfaceContext } from "./surface.js";

export function mountSlack(ctx: SurfaceContext, slack: SlackConfig): MountedSurface {
  const { engine, store, quiz, logger } = ctx;
  const app = createSlackApp({
    engine,
    store,
    quiz,
    logger,
    slack,
    expressApp: ctx.app,
    userLimit: ctx.userLimit,
    pace: slackPace(ctx.config.quiz.slackPostsPerMinute),
  });
  // Bolt answers after ack(): the listener's work outlives the HTTP response, and shutdown waits for it.
  app.app.use(async ({ next }) => {
    await ctx.inflight.track(next());
  });
  let started = false;
  return {
    banner:
      slack.mode === "socket"
        ? { name: "Slack", where: "Socket Mode", note: "connects out to Slack; no public URL needed" }
        : {
            name: "Slack",
            where: SLACK_EVENTS_PATH,
            note: "Events, slash command and interactivity (HTTP mode)",
          },
    notifier: app.notifier,
    readiness: {
      name: "slack",
      run: () => ({
        ok: started,
        detail: started ? `${slack.mode} mode running` : `${slack.mode} mode not started`,
      }),
    },
    drain: { name: "slack", run: () => app.stop() },
    async start() {
      try {
        await app.start();
      } catch (err) {
        fail(`srm-bot: ${(err as Error).message}`);
      }
      started = true;
    },
  };
}

/** The quiz's way into Slack without a running app (`srm-bot quiz post`). */
export function slackNotifier(slack: SlackConfig, logger: Logger): Notifier {
  return createSlackNotifier(createSlackClient(slack), logger);
}
