// "@srm-bot who handles RDS patching?" in a channel: answered in the thread of the mention.

import type { App } from "@slack/bolt";
import { converse } from "../converse.js";
import { afterPendingRequests } from "../defer.js";
import type { SlackDeps } from "../deps.js";
import { postReplies } from "../post.js";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", async ({ event, body, client }) => {
    // Other bots mentioning srm-bot could otherwise talk to it forever.
    if (event.bot_id || event.subtype || !event.user) return;
    // Bolt acknowledged the event before calling us.
    await afterPendingRequests();
    const team = body.team_id ?? event.team ?? "";
    const where = { channel: event.channel, threadTs: event.thread_ts ?? event.ts, user: event.user };
    const replies = await converse(
      { text: event.text },
      { team, channel: event.channel, user: event.user },
      client,
      deps,
    );
    await postReplies(client, deps, replies, where, { commandPrefix: "@srm-bot " });
  });
}
