// Building blocks shared by every Adaptive Card srm-bot sends.
// Rule: TextBlock (which renders markdown) only holds text srm-bot wrote; knowledge-base and user text go
// into TextRuns, which no Adaptive Card host interprets as markdown.

import type { CardAction } from "../conversation/actions.js";
import type { Owner } from "../knowledge/schema.js";
import type {
  ActionSet,
  AdaptiveCard,
  CardButton,
  CardElement,
  ExecuteAction,
  RichTextBlock,
  SubmitAction,
  TextBlock,
  TextColor,
  TextRun,
} from "./adaptive-types.js";

/** Teams' own colour roles, which keep their contrast in the light, dark and high-contrast themes. */
export const OWNER_COLOR: Record<Owner, TextColor> = { aws: "Warning", customer: "Accent", shared: "Good" };

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const WORD_JOINER = "\u2060";

/**
 * Makes text a user wrote (questions, display names, command arguments) inert wherever it is shown:
 * no mention tags, no HTML, and no link a client could auto-detect (scheme, www., domain or e-mail
 * shapes are broken with an invisible word joiner). Use inside TextRuns, which already ignore markdown.
 */
export function neutralise(text: string, max = 500): string {
  return text
    .replace(CONTROL, " ")
    .replace(/<\/?at\b[^>]*>/gi, "")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/\.(?=[\p{L}\p{N}])/gu, `.${WORD_JOINER}`)
    .replace(/@/g, `@${WORD_JOINER}`)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/** Removes markdown from data shown in a TextBlock (link titles). */
export function stripMarkdown(text: string): string {
  return text.replace(/[*_[\]()`~#>|\\]/g, "").trim();
}

export function run(text: string, style: Omit<TextRun, "type" | "text"> = {}): TextRun {
  return { type: "TextRun", text, ...style };
}

/** A paragraph of plain text runs. */
export function para(
  inlines: Array<TextRun | string>,
  extra: Omit<RichTextBlock, "type" | "inlines"> = {},
): RichTextBlock {
  return {
    type: "RichTextBlock",
    inlines: inlines.map((i) => (typeof i === "string" ? run(i) : i)),
    ...extra,
  };
}

/** Text srm-bot wrote itself (labels, headings): markdown allowed. */
export function label(text: string, extra: Omit<TextBlock, "type" | "text"> = {}): TextBlock {
  return { type: "TextBlock", text, wrap: true, ...extra };
}

export function submit(title: string, data: CardAction, style?: SubmitAction["style"]): SubmitAction {
  return { type: "Action.Submit", title, data, ...(style ? { style } : {}) };
}

export function execute(title: string, data: CardAction): ExecuteAction {
  return { type: "Action.Execute", title, verb: data.a, data };
}

export function actionSet(
  actions: CardButton[],
  extra: Omit<ActionSet, "type" | "actions"> = {},
): ActionSet[] {
  return actions.length ? [{ type: "ActionSet", actions, ...extra }] : [];
}

export function card(
  body: CardElement[],
  fallbackText: string,
  extra: Partial<AdaptiveCard> = {},
): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    fallbackText,
    body,
    msteams: { width: "Full" },
    ...extra,
  };
}
