// The platform-neutral card view: what a card says and in which order, decided once in view-*.ts.
// Block Kit (blockkit.ts), Adaptive Cards (adaptive.ts) and plain text (text.ts) only serialise it, so the
// three surfaces cannot drift apart. Text in a view is plain: each serialiser escapes it for its surface.

import type { CardAction } from "../conversation/actions.js";
import type { Owner } from "../knowledge/schema.js";

/** Pictures a card uses; each surface draws them its own way (Slack emoji codes, Unicode elsewhere). */
export const ICONS = {
  wave: "👋",
  thinking_face: "🤔",
  warning: "⚠️",
  information_source: "ℹ️",
  brain: "🧠",
  mega: "📣",
  trophy: "🏆",
  fire: "🔥",
  white_check_mark: "✅",
  x: "❌",
  books: "📚",
  speech_balloon: "💬",
  thumbsup: "👍",
  thumbsdown: "👎",
  bar_chart: "📊",
  first_place_medal: "🥇",
  second_place_medal: "🥈",
  third_place_medal: "🥉",
  white_square: "⬜",
  large_orange_square: "🟧",
  large_blue_square: "🟦",
  large_purple_square: "🟪",
} as const;
export type Icon = keyof typeof ICONS;

/** One glyph per owner, on every surface. */
export const OWNER_ICON: Record<Owner, Icon> = {
  aws: "large_orange_square",
  customer: "large_blue_square",
  shared: "large_purple_square",
};

/** A piece of text. `user`: typed by a person, made inert on each surface. */
export interface Span {
  text: string;
  user?: boolean;
  strong?: boolean;
  em?: boolean;
  code?: boolean;
}
/** An owner's glyph, and with `word` its name too ("🟧 AWS"). */
export interface OwnerMark {
  owner: Owner;
  word?: boolean;
}
export type Inline = string | Span | OwnerMark | { icon: Icon };
/** A line of text: a plain string (data srm-bot shows), or inlines. */
export type Line = string | Inline[];

export type ButtonView =
  | { label: string; action: CardAction; owner?: Owner; icon?: Icon; primary?: boolean; private?: boolean }
  | { label: string; url: string };

export type Part =
  /** A paragraph, under an optional title; a note is small print. */
  | { type: "text"; title?: string; owner?: Owner; text: Line; note?: boolean; icon?: Icon }
  | { type: "list"; title?: string; owner?: Owner; items: Line[] }
  /** Two short lists side by side where there is room (AWS's part and yours). */
  | { type: "pair"; cells: Array<{ title: string; owner: Owner; items: Line[] }> }
  /** Rows of a label and a value; a row with a question opens that answer. */
  | { type: "table"; rows: Array<{ label: Line; value: Line; question?: string }> }
  | { type: "facts"; title: string; facts: Array<{ title: string; value: string }> }
  | { type: "buttons"; title?: string; buttons: ButtonView[] }
  /** A suggestion with its own button beside it. */
  | { type: "offer"; title: string; text: Line; button: ButtonView }
  | { type: "heading"; text: string; icon?: Icon }
  /** A separated group of parts (one service model, one control). */
  | { type: "group"; title?: Line; parts: Part[] };

export interface CardView {
  /** The question as typed, quoted above the card where the surface shows no question (Slack ephemerals). */
  quote?: string;
  /** The owner verdict (the largest line of the card) and the card's title. */
  head?: { verdict?: Owner; icon?: Icon; title?: Line; sub?: Line };
  parts: Part[];
  source?: { title: string; url?: string; reviewed: string };
  /** After a vote: what it did, in place of the vote buttons. */
  status?: Line;
  /** The card's own buttons (votes, share, quiz choices), at its foot. */
  actions: ButtonView[];
  /** One line that stands alone: notifications, screen readers, the activity summary. */
  summary: string;
}

export const tag = (owner: Owner): OwnerMark => ({ owner, word: true });
export const strong = (text: string): Span => ({ text, strong: true });
export const typed = (text: string): Span => ({ text, user: true });

/** The plain words of a line, for fallbacks and summaries; `ownerWord` says how an owner mark reads. */
export function wordsOf(
  line: Line,
  ownerWord: (mark: OwnerMark) => string,
  typed = (s: string) => s,
): string {
  if (typeof line === "string") return line;
  const word = (i: Inline) =>
    typeof i === "string"
      ? i
      : "text" in i
        ? i.user
          ? typed(i.text)
          : i.text
        : "owner" in i
          ? ownerWord(i)
          : "";
  return line.map(word).join("");
}
