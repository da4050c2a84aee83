import { type Activity, ActivityTypes, CardFactory } from "botbuilder";
import type { RenderedReply } from "../render/adaptive.js";

/**
 * One card as a Teams message. The one-line summary goes in `summary` (notifications, chat previews);
 * `text` stays empty because Teams would print it above the card, and the card carries its own fallbackText.
 */
export function cardActivity(rendered: RenderedReply): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    summary: rendered.summary,
    attachments: [CardFactory.adaptiveCard(rendered.card)],
  };
}
