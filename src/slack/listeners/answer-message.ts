import type { webApi } from "@slack/bolt";
import { converse } from "../converse.js";
import { SlackDelivery } from "../delivery.js";
import type { SlackDeps } from "../deps.js";

/** A typed message (a mention, a DM) answered in its conversation: the thread, or the DM itself. */
export async function answerMessage(
  client: webApi.WebClient,
  deps: SlackDeps,
  msg: { team: string; channel: string; user: string; threadTs?: string; text: string },
  commandPrefix: string,
): Promise<void> {
  const { team, channel, user, threadTs } = msg;
  const replies = await converse({ text: msg.text }, { team, channel, user }, client, deps);
  const delivery = new SlackDelivery(client, deps.logger, {
    channel,
    user,
    ...(threadTs ? { threadTs } : {}),
  });
  await delivery.thread(replies, { commandPrefix });
}
