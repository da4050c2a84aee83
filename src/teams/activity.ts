// Reading what Teams sends: where a message came from, who sent it and what they asked.

import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import type { Actor } from "../quiz/types.js";
import type { ChannelKey } from "../store/types.js";

/** Emulator and local tests have no tenant: their conversations are keyed under this workspace. */
export const LOCAL_TENANT = "local";

/**
 * A channel thread's conversation id is the channel's id plus ";messageid=<root post>". The channel is
 * what subscribes to the quiz and what a proactive post goes to, so keys and saved references use the base.
 */
export function baseConversationId(id: string): string {
  return id.split(";")[0] ?? id;
}

export function tenantOf(activity: Partial<Activity>): string {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === "string" ? data.tenant.id : undefined;
  return activity.conversation?.tenantId || fromData || LOCAL_TENANT;
}

export function channelKeyOf(activity: Partial<Activity>): ChannelKey {
  return {
    platform: "teams",
    workspace: tenantOf(activity),
    channel: baseConversationId(activity.conversation?.id ?? "unknown"),
  };
}

export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from;
  const clientInfo = activity.entities?.find((e) => e.type === "clientInfo") as
    | { timezone?: unknown }
    | undefined;
  const timezone =
    activity.localTimezone || (typeof clientInfo?.timezone === "string" ? clientInfo.timezone : undefined);
  return {
    // The Entra object id is stable across the user's chats; the channel account id is not.
    user: from?.aadObjectId || from?.id || "unknown",
    ...(from?.name ? { userName: from.name } : {}),
    // Teams does not tell a bot who owns a team; in a personal chat the user is the only member.
    isAdmin: activity.conversation?.conversationType === "personal",
    ...(timezone ? { timezone } : {}),
  };
}

/** What to save for proactive posts: the channel itself, not the thread or message that was answered. */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  delete ref.activityId;
  if (ref.conversation)
    ref.conversation = { ...ref.conversation, id: baseConversationId(ref.conversation.id) };
  return ref;
}

/**
 * The question without the bot's @mention. The mention entity tells exactly which `<at>…</at>` is the bot;
 * any other mark-up (other people's mentions, HTML) is left to the engine, which strips it itself.
 */
export function questionText(activity: Partial<Activity>): string {
  if (typeof activity.text !== "string") return "";
  const hasUsableMention = (activity.entities ?? []).some(
    (e) =>
      e.type === "mention" &&
      typeof (e as { text?: unknown }).text === "string" &&
      (e as { mentioned?: { id?: unknown } }).mentioned?.id === activity.recipient?.id,
  );
  const text = hasUsableMention ? TurnContext.removeRecipientMention(activity) : activity.text;
  return text.replace(/&nbsp;/gi, " ").trim();
}

/** A card button press arrives as a message whose `value` is the button's data. */
export function isCardSubmit(activity: Partial<Activity>): boolean {
  const value: unknown = activity.value;
  return (
    value !== undefined && value !== null && !(typeof activity.text === "string" && activity.text.trim())
  );
}
