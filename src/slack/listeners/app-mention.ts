// "@srm-bot who handles RDS patching?" in a channel: answered in the thread of the mention.

import type { App } from "@slack/bolt";
import { afterPendingRequests } from "../defer.js";
import type { SlackDeps } from "../deps.js";
import { answerMessage } from "./answer-message.js";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, body, client }) => {
    // Other bots mentioning srm-bot could otherwise talk to it forever.
    if (event.bot_id || event.subtype || !event.user) return;
    // Bolt acknowledged the event before calling us.
    await afterPendingRequests();
    const team = body.team_id ?? event.team ?? "";
    const msg = { team, channel: event.channel, user: event.user, threadTs: event.thread_ts ?? event.ts };
    await answerMessage(client, deps, { ...msg, text: event.text }, "@srm-bot ");
  });
}
