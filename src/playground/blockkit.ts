import type { Reply } from "../conversation/respond.js";
import { renderReply } from "../render/blockkit.js";
import type { BlockKitView } from "./api.js";

/** The Block Kit message the Slack adapter would send for the same reply. */
export function blockKitFor(reply: Reply): BlockKitView {
  const message = renderReply(reply);
  return { text: message.text, blocks: message.blocks };
}
