// The playground's HTTP contract. The browser client imports only the types (erased at build), so both sides
// agree on the shapes without shipping zod to the page.

import { z } from "zod";
import type { Reply } from "../conversation/respond.js";
import type { AdaptiveCard } from "../render/adaptive-types.js";

export const PLAYGROUND_API = "/playground/api";
export const MAX_QUESTION_LENGTH = 2000;
/** The platform hint on help and welcome cards, as Teams has its own. */
export const PLAYGROUND_TIP = "In Slack or Teams, mention @srm-bot in a channel.";

/** A per-browser id the page keeps in localStorage: scores and practice quizzes are per person. */
const UserSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .optional();

export const AskRequestSchema = z
  .object({
    text: z.string().max(MAX_QUESTION_LENGTH, `a question is at most ${MAX_QUESTION_LENGTH} characters`),
    user: UserSchema,
  })
  .strict();
export type AskRequest = z.infer<typeof AskRequestSchema>;

/** `action` is a card button's data; it is parsed with parseCardAction, like a Teams submit. */
export const ActionRequestSchema = z.object({ action: z.unknown(), user: UserSchema }).strict();
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

/** What Slack would get for the same reply: the message's fallback text and blocks. */
export interface BlockKitView {
  text: string;
  blocks: unknown[];
}

/** The App Home preview asks only for whose stats to show. */
export const HomeRequestSchema = z.object({ user: UserSchema }).strict();

export interface PlaygroundReply {
  /** "home": the Slack App Home tab, previewed (Slack has it as a tab, not a message). */
  kind: Reply["kind"] | "home";
  /** The Adaptive Card the Teams adapter would send. */
  card: AdaptiveCard;
  summary: string;
  /** The Block Kit message the Slack adapter would send, where Slack has one for this reply. */
  blockKit: BlockKitView | null;
  /** True when this reply redraws the card it answers (a vote): the page replaces that card with it. */
  redraw: boolean;
}

export interface PlaygroundResponse {
  replies: PlaygroundReply[];
}

export interface PlaygroundInfo {
  examples: string[];
  /** Slack emoji codes the cards use, as the characters the Slack preview draws. */
  icons: Record<string, string>;
  /** What this server is connected to, shown in the page footer. */
  surfaces: { slack: string | null; teams: string | null };
}

export interface ApiError {
  error: string;
  message: string;
}
