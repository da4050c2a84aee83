// Building blocks shared by every Block Kit message and view srm-bot sends to Slack.
// Rule: every string that did not come from this file (knowledge-base text, questions, names) goes through
// `esc` (and `inert` when a person typed it) before it lands in a text object, and every text object is cut
// to Slack's limit here, so no caller can produce a message Slack rejects.

import type { types } from "@slack/bolt";
import { type CardAction, encodeCardAction } from "../conversation/actions.js";
import type { Owner } from "../knowledge/schema.js";
import { COPY } from "./copy.js";
import { OWNER_ICON } from "./view.js";

export type Block = types.KnownBlock;
export type Button = types.Button;

/** A message as chat.postMessage / respond / chat.update take it: blocks plus the plain fallback. */
export interface BlockKitMessage {
  text: string;
  blocks: Block[];
}

/** Block Kit's published limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  buttonText: 75,
  actionsElements: 25,
  contextElements: 10,
  /** Top-level `text`: Slack truncates past 40,000; notifications show far less. */
  fallbackText: 3000,
  /** The longest question a card button carries back (CardActionSchema). */
  actionQuestion: 500,
} as const;

/** One glyph per owner, the same squares the Teams card uses, so a glance means the same everywhere. */
export const OWNER_EMOJI = Object.fromEntries(
  Object.entries(OWNER_ICON).map(([owner, icon]) => [owner, `:${icon}:`]),
) as Record<Owner, string>;

/** Slack's three control characters; everything else in mrkdwn is harmless formatting. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const WORD_JOINER = "\u2060";

/**
 * Escapes text a person typed and defuses what escaping leaves: "@here"-style words (should a client ever
 * parse them) and invisible control or direction characters. Newlines become spaces.
 */
export function inert(text: string, max = 300): string {
  const flat = text.replace(CONTROL, "").replace(/\s+/g, " ").trim();
  const cut = flat.length > max ? `${dropLoneSurrogate(flat.slice(0, max - 1))}…` : flat;
  return esc(cut).replace(/@(?=(?:here|channel|everyone)\b)/gi, `@${WORD_JOINER}`);
}

/**
 * Cuts already-escaped mrkdwn to `max` characters with an ellipsis, never inside an entity (`&amp;`),
 * a link or mention (`<…>`) or a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf("<");
  if (open !== -1 && open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  return `${dropLoneSurrogate(cut)}…`;
}

function dropLoneSurrogate(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? s.slice(0, -1) : s;
}

/** Cuts a question to what a button value may carry. */
export function actionQuestion(q: string): string {
  return q.length > LIMITS.actionQuestion ? dropLoneSurrogate(q.slice(0, LIMITS.actionQuestion)) : q;
}

// verbatim: true stops Slack from auto-linking URLs and channel names in text srm-bot did not mark up;
// explicit <url|title> links still work.
export function mrkdwn(text: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
  return { type: "mrkdwn", text: clip(text, max), verbatim: true };
}

export function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: clip(text, max), emoji: true };
}

export function header(text: string): Block {
  return { type: "header", text: plain(text, LIMITS.header) };
}

export function section(text: string, accessory?: Button): Block {
  return { type: "section", text: mrkdwn(text), ...(accessory ? { accessory } : {}) };
}

/** A two-column section; at most ten fields, each cut to 2,000 characters. */
export function fields(cells: string[]): Block {
  return { type: "section", fields: cells.slice(0, LIMITS.fields).map((c) => mrkdwn(c, LIMITS.field)) };
}

export function context(...texts: string[]): Block {
  return { type: "context", elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

/** Packs lines into as few sections as Slack allows (3,000 characters each), never splitting a line. */
export function sections(lines: string[], heading?: string): Block[] {
  const out: Block[] = [];
  let current = heading ?? "";
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > LIMITS.sectionText && current) {
      out.push(section(current));
      current = line;
    } else current = next;
  }
  if (current) out.push(section(current));
  return out;
}

/**
 * Hands out action_ids unique within one message. The prefix routes every click to srm-bot's one
 * action listener; what a button does is decided by its (validated) value, not by its id.
 */
export class ActionIds {
  private n = 0;
  next(kind: CardAction["a"]): string {
    this.n += 1;
    return `srm:${kind}:${this.n}`;
  }
}

export function button(
  ids: ActionIds,
  label: string,
  action: CardAction,
  style?: "primary" | "danger",
): Button {
  const value = encodeCardAction(
    "q" in action && typeof action.q === "string" ? { ...action, q: actionQuestion(action.q) } : action,
  );
  return {
    type: "button",
    text: plain(label, LIMITS.buttonText),
    action_id: ids.next(action.a),
    value,
    ...(style ? { style } : {}),
  };
}

/** Buttons in as many actions blocks as needed (25 per block). */
export function actions(buttons: Button[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements)
    out.push({ type: "actions", elements: buttons.slice(i, i + LIMITS.actionsElements) });
  return out;
}

/** Keeps a message inside the block limit, saying so rather than failing to post. */
export function fitBlocks(blocks: Block[], max: number = LIMITS.messageBlocks): Block[] {
  if (blocks.length <= max) return blocks;
  // Keep the trailing actions block (feedback, share) when there is one: it is what the reader acts on.
  const last = blocks[blocks.length - 1];
  const keepLast = last?.type === "actions";
  const room = max - 1 - (keepLast ? 1 : 0);
  return [...blocks.slice(0, room), context(`_${COPY.shortened}_`), ...(keepLast && last ? [last] : [])];
}

/** The top-level `text`: escaped (Slack parses it for mentions) and short enough for a notification. */
export function fallbackText(text: string): string {
  return clip(esc(text.replace(CONTROL, "")), LIMITS.fallbackText);
}
