// The slice of the Adaptive Card 1.5 schema that srm-bot's cards use. Typed so a misspelt property or
// enum value fails the build instead of being silently dropped by Teams.

import type { CardAction } from "../conversation/actions.js";

export type TextColor = "Default" | "Dark" | "Light" | "Accent" | "Good" | "Warning" | "Attention";
export type TextSize = "Small" | "Default" | "Medium" | "Large" | "ExtraLarge";
export type TextWeight = "Lighter" | "Default" | "Bolder";
export type Spacing = "None" | "Small" | "Default" | "Medium" | "Large" | "ExtraLarge" | "Padding";

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

interface TextLook {
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
}

/** Renders a markdown subset: only for text srm-bot writes itself, never for text a user typed. */
export interface TextBlock extends ElementBase, TextLook {
  type: "TextBlock";
  text: string;
  wrap?: boolean;
}

/** Plain text: TextRun never interprets markdown, so echoed user text goes here. */
export interface TextRun extends TextLook {
  type: "TextRun";
  text: string;
  italic?: boolean;
  fontType?: "Default" | "Monospace";
}

export interface RichTextBlock extends ElementBase {
  type: "RichTextBlock";
  inlines: TextRun[];
}

export interface Column {
  type: "Column";
  /** "auto", "stretch", a relative weight, or pixels ("40px"). */
  width?: "auto" | "stretch" | number | `${number}px`;
  items: CardElement[];
  verticalContentAlignment?: "Top" | "Center" | "Bottom";
  selectAction?: SubmitAction;
}

export interface ColumnSet extends ElementBase {
  type: "ColumnSet";
  columns: Column[];
}

export interface Container extends ElementBase {
  type: "Container";
  items: CardElement[];
}

export interface ActionSet extends ElementBase {
  type: "ActionSet";
  actions: CardButton[];
}

export type CardElement = TextBlock | RichTextBlock | ColumnSet | Container | ActionSet;

/** A button that sends its CardAction back as a message (Teams) or a click (playground). */
export interface SubmitAction {
  type: "Action.Submit";
  title: string;
  data: CardAction;
  style?: "default" | "positive" | "destructive";
  tooltip?: string;
}

/**
 * A button whose reply goes only to the person who pressed it (Teams Universal Actions): used for quiz
 * answers, so that in a channel nobody sees anyone else's choice.
 */
export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: string;
  data: CardAction;
  style?: "default" | "positive" | "destructive";
}

export interface OpenUrlAction {
  type: "Action.OpenUrl";
  title: string;
  url: string;
}

export type CardButton = SubmitAction | ExecuteAction | OpenUrlAction;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  version: "1.5";
  /** Shown by clients that cannot render the card; also read by screen readers and notifications. */
  fallbackText: string;
  speak?: string;
  body: CardElement[];
  actions?: CardButton[];
  /** Teams-only: use the whole message width (other renderers ignore it). */
  msteams?: { width: "Full" };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
