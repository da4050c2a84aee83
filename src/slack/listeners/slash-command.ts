// "/srm <question>" and "/srm help|service|model|compare|quiz …|leaderboard": answers only the caller sees,
// each with a "Share in channel" button.

import type { App } from "@slack/bolt";
import { renderReply } from "../../render/blockkit.js";
import { converse } from "../converse.js";
import { afterPendingRequests } from "../defer.js";
import { SlackDelivery } from "../delivery.js";
import type { SlackDeps } from "../deps.js";

export const COMMAND = "/srm";

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, respond, client }) => {
    // Acknowledge first: Slack gives three seconds, and answering may involve the store or the quiz.
    await ack();
    await afterPendingRequests();
    const who = { team: command.team_id, channel: command.channel_id, user: command.user_id };
    const replies = await converse({ text: command.text ?? "" }, who, client, deps);
    // Only `quiz now` answers nothing (the quiz itself is the answer, posted for everyone).
    if (replies.length === 0)
      replies.push({
        kind: "notice",
        text: "Done: the quiz question is posted in this channel.",
        tone: "info",
      });
    const delivery = new SlackDelivery(client, deps.logger, {
      channel: who.channel,
      user: who.user,
      respond,
    });
    // A reveal is posted for the channel by the quiz service; the caller sees it here too.
    for (const reply of replies)
      await delivery.ephemeral(renderReply(reply, { share: true, showQuestion: true }));
  });
}
