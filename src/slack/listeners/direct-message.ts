// A direct message to srm-bot (the Messages tab of its App Home): answered in the DM.

import type { App } from "@slack/bolt";
import { afterPendingRequests } from "../defer.js";
import type { SlackDeps } from "../deps.js";
import { answerMessage } from "./answer-message.js";

export function register(app: App, deps: SlackDeps): void {
  app.event("message", async ({ event, body, client }) => {
    // Only what a person typed in a DM: not edits, deletions, joins or any bot's messages (srm-bot's own included).
    if (event.channel_type !== "im" || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || typeof event.text !== "string") return;
    // Bolt acknowledged the event before calling us.
    await afterPendingRequests();
    const team = body.team_id ?? event.team ?? "";
    const msg = { team, channel: event.channel, user: event.user, threadTs: event.thread_ts };
    await answerMessage(client, deps, { ...msg, text: event.text }, "");
  });
}
