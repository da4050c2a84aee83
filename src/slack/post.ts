// One Slack message posted into a conversation; src/slack/delivery.ts decides where and what if it fails.

import type { webApi } from "@slack/bolt";
import type { BlockKitMessage } from "../render/blockkit-kit.js";

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
