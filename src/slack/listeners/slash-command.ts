// "/srm <question>" and "/srm help|service|model|compare|quiz …|leaderboard": answers only the caller sees,
// each with a "Share in channel" button.

import type { App, RespondFn, webApi } from "@slack/bolt";
import { renderReply } from "../../render/blockkit.js";
import type { BlockKitMessage } from "../../render/blockkit-kit.js";
import { converse, friendlyError } from "../converse.js";
import { afterPendingRequests } from "../defer.js";
import type { SlackDeps } from "../deps.js";
import { tellPrivately } from "../post.js";

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
    for (const reply of replies) {
      // A reveal is posted for the channel by the quiz service; the caller sees it here too.
      await sendEphemeral(
        respond,
        client,
        deps,
        who,
        renderReply(reply, { share: true, showQuestion: true }),
      );
    }
  });
}

export async function sendEphemeral(
  respond: RespondFn,
  client: webApi.WebClient,
  deps: SlackDeps,
  who: { channel: string; user: string },
  msg: BlockKitMessage,
): Promise<void> {
  try {
    await respond({ response_type: "ephemeral", text: msg.text, blocks: msg.blocks });
  } catch (err) {
    // response_url expired or unreachable: chat.postEphemeral reaches the user by another road.
    deps.logger.error({ err, channel: who.channel }, "could not answer through response_url");
    try {
      await client.chat.postEphemeral({
        channel: who.channel,
        user: who.user,
        text: msg.text,
        blocks: msg.blocks,
      });
    } catch (err2) {
      deps.logger.error(
        { err: err2, channel: who.channel },
        "could not answer with chat.postEphemeral either",
      );
      await tellPrivately(client, deps, { channel: who.channel, user: who.user }, friendlyError(err2));
    }
  }
}
