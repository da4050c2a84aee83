// Posting into a conversation (mention threads, DMs), and telling the person when that fails.

import type { webApi } from "@slack/bolt";
import type { Reply } from "../conversation/respond.js";
import type { BlockKitOptions } from "../render/blockkit.js";
import { renderReply } from "../render/blockkit.js";
import type { BlockKitMessage } from "../render/blockkit-kit.js";
import { friendlyError } from "./converse.js";
import type { SlackDeps } from "./deps.js";

export interface Conversation {
  channel: string;
  /** Thread to answer in; undefined posts at the top level (DMs). */
  threadTs?: string;
  /** The person who asked: told privately when a post fails. */
  user: string;
}

// unfurl_* off: answers carry documentation links, and a preview per link would bury the answer.
// link_names is never set: nothing srm-bot posts may turn into a mention.
export async function postMessage(
  client: webApi.WebClient,
  where: { channel: string; threadTs?: string },
  msg: BlockKitMessage,
): Promise<string | undefined> {
  const res = await client.chat.postMessage({
    channel: where.channel,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: msg.text,
    blocks: msg.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return res.ts;
}

/** Posts each reply in the conversation (thread or DM). Never throws. */
export async function postReplies(
  client: webApi.WebClient,
  deps: SlackDeps,
  replies: Reply[],
  where: Conversation,
  opts: BlockKitOptions = {},
): Promise<void> {
  for (const reply of replies) {
    try {
      await postMessage(
        client,
        { channel: where.channel, threadTs: where.threadTs },
        renderReply(reply, opts),
      );
    } catch (err) {
      deps.logger.error({ err, channel: where.channel, reply: reply.kind }, "could not post a Slack reply");
      await tellPrivately(client, deps, where, friendlyError(err));
    }
  }
}

/** A short ephemeral note; the last resort, so its own failure is only logged. */
export async function tellPrivately(
  client: webApi.WebClient,
  deps: SlackDeps,
  where: Conversation,
  text: string,
): Promise<void> {
  try {
    await client.chat.postEphemeral({
      channel: where.channel,
      user: where.user,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      text,
    });
  } catch (err) {
    deps.logger.error({ err, channel: where.channel }, "could not tell the user about a failed Slack post");
  }
}
