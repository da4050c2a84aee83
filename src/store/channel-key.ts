import type { ChannelKey } from "./types.js";

/** Just the channel's key, from any record that carries one (a subscription, a quiz): for queries and logs. */
export function keyOf(k: ChannelKey): ChannelKey {
  return { platform: k.platform, workspace: k.workspace, channel: k.channel };
}
