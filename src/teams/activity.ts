// Reading what Teams sends: where a message came from, who sent it and what they asked.

import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import { parseCardAction } from "../conversation/actions.js";
import type { RespondInput } from "../conversation/respond.js";
import type { Actor } from "../quiz/types.js";
import type { ChannelKey } from "../store/types.js";

/** Emulator and local tests have no tenant: their conversations are keyed under this workspace. */
export const LOCAL_TENANT = "local";

/** A non-empty string, or undefined: fields of an activity from the local endpoint can be any JSON. */
const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/**
 * A channel thread's conversation id is the channel's id plus ";messageid=<root post>". The channel is
 * what subscribes to the quiz and what a proactive post goes to, so keys and saved references use the base.
 */
export function baseConversationId(id: string): string {
  return typeof id === "string" ? (id.split(";")[0] ?? id) : "unknown";
}

export function tenantOf(activity: Partial<Activity>): string {
  const data = activity.channelData as { tenant?: { id?: unknown } } | null | undefined;
  return text(activity.conversation?.tenantId) ?? text(data?.tenant?.id) ?? LOCAL_TENANT;
}

export function channelKeyOf(activity: Partial<Activity>): ChannelKey {
  return {
    platform: "teams",
    workspace: tenantOf(activity),
    channel: baseConversationId(text(activity.conversation?.id) ?? "unknown"),
  };
}

/**
 * The activity's entities that are objects. The unauthenticated local endpoint takes any JSON, and the SDK
 * does not check the shape: a string or a `null` entry must not turn into a TypeError mid-turn.
 */
function entitiesOf(activity: Partial<Activity>): Array<{ type?: unknown; [key: string]: unknown }> {
  const list: unknown = activity.entities;
  return Array.isArray(list)
    ? list.filter((e): e is { type?: unknown } => typeof e === "object" && e !== null)
    : [];
}

export function actorOf(activity: Partial<Activity>): Actor {
  const from: unknown = activity.from;
  const who = (typeof from === "object" && from !== null ? from : {}) as Record<string, unknown>;
  const clientInfo = entitiesOf(activity).find((e) => e.type === "clientInfo") as
    | { timezone?: unknown }
    | undefined;
  const timezone = text(activity.localTimezone) ?? text(clientInfo?.timezone);
  const userName = text(who.name);
  return {
    // The Entra object id is stable across the user's chats; the channel account id is not.
    user: text(who.aadObjectId) ?? text(who.id) ?? "unknown",
    ...(userName ? { userName } : {}),
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
  // What TurnContext.removeRecipientMention does, without its TypeError on an entity that has no type.
  const mention = entitiesOf(activity).find(
    (e) =>
      e.type === "mention" &&
      typeof e.text === "string" &&
      (e.mentioned as { id?: unknown } | null | undefined)?.id === activity.recipient?.id,
  );
  const question = mention ? activity.text.replace(mention.text as string, "") : activity.text;
  return question.replace(/&nbsp;/gi, " ").trim();
}

/** A card button press arrives as a message whose `value` is the button's data. */
export function isCardSubmit(activity: Partial<Activity>): boolean {
  const value: unknown = activity.value;
  return (
    value !== undefined && value !== null && !(typeof activity.text === "string" && activity.text.trim())
  );
}

/**
 * What a person asks of the bot with this activity, read as the bot will read it: a typed message, a card
 * button's data (Action.Submit as a message, Action.Execute as an adaptiveCard/action invoke); null for
 * anything else (installs, members added, unknown invokes, stale button data).
 */
export function inputOf(activity: Partial<Activity>): RespondInput | null {
  if (activity.type === "message") {
    if (!isCardSubmit(activity)) return { text: questionText(activity) };
    const action = parseCardAction(activity.value);
    return action ? { action } : null;
  }
  if (activity.type === "invoke" && activity.name === "adaptiveCard/action") {
    const data = (activity.value as { action?: { data?: unknown } } | null | undefined)?.action?.data;
    const action = parseCardAction(data);
    return action ? { action } : null;
  }
  return null;
}
