// Block Kit for Slack (and the playground's Slack view): a thin serialiser of the card view (view.ts), kept
// inside Slack's limits by blockkit-kit.ts. Text from a view is escaped here; what a person typed is made inert.

import type { types } from "@slack/bolt";
import type { Reply } from "../conversation/respond.js";
import type { Answer } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import {
  ActionIds,
  actions,
  type Block,
  type BlockKitMessage,
  type Button,
  button,
  context,
  esc,
  fallbackText,
  fields,
  fitBlocks,
  header,
  inert,
  LIMITS,
  OWNER_EMOJI,
  section,
  sections,
} from "./blockkit-kit.js";
import { COPY, OWNER_WORD, VERDICT } from "./copy.js";
import { renderViewText } from "./text.js";
import type { ButtonView, CardView, Icon, Inline, Line, Part, Span } from "./view.js";
import { answerView } from "./view-answer.js";
import { type HomeView, homeView, renderersOf, replyView, welcomeView } from "./view-reply.js";

export { type Block, type BlockKitMessage, esc, inert, LIMITS, OWNER_EMOJI } from "./blockkit-kit.js";
export type { HomeAdminView, HomeView } from "./view-reply.js";

export interface BlockKitOptions {
  /** Adds "Share in channel": for answers only the asker can see (ephemeral slash-command replies). */
  share?: boolean;
  /** Quotes the question above the answer (ephemeral replies and shared cards, where Slack shows no question). */
  showQuestion?: boolean;
  /** Slack user id of the person who shared the card into the channel. */
  sharedBy?: string;
  /** "buttons" (default): helpful / not helpful; "thanks": the vote is in; "already": voted before; "none". */
  feedback?: "buttons" | "thanks" | "already" | "none";
  /** How commands are written in the help card (default "/srm "). */
  commandPrefix?: string;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const icon = (i: Icon | undefined) => (i ? `:${i}: ` : "");
const glyph = (o: Owner | undefined) => (o ? `${OWNER_EMOJI[o]} ` : "");

const same = (a: Span, b: Span) => (["user", "strong", "em", "code"] as const).every((k) => !a[k] === !b[k]);

/** A line as mrkdwn (or `plain` text, for headers): data escaped, typed text inert, marks hugging the words. */
function md(line: Line, plain = false): string {
  if (typeof line === "string") return esc(line);
  const runs: Array<Exclude<Inline, string>> = [];
  for (const i of line) {
    const x = typeof i === "string" ? { text: i } : { ...i };
    const last = runs.at(-1);
    // Neighbours in one style are one run: "*a**b*" would break the bold.
    if ("text" in x && last && "text" in last && same(last, x)) last.text += x.text;
    else runs.push(x);
  }
  return runs
    .map((r) => {
      if ("icon" in r) return `:${r.icon}:`;
      if ("owner" in r)
        return r.word ? `${OWNER_EMOJI[r.owner]} ${OWNER_WORD[r.owner]}` : OWNER_EMOJI[r.owner];
      const t = r.user ? inert(r.text, 1000) : esc(r.text);
      const m = plain ? "" : r.code ? "`" : r.strong ? "*" : r.em ? "_" : "";
      return m ? t.replace(/^(\s*)(\S.*?)(\s*)$/s, `$1${m}$2${m}$3`) : t;
    })
    .join("");
}

const titled = (title: string | undefined, owner?: Owner) => (title ? `${glyph(owner)}*${esc(title)}*` : "");

function slackButton(ids: ActionIds, b: ButtonView): Button | null {
  if ("url" in b) return null;
  const label = `${glyph(b.owner)}${icon(b.icon)}${b.label}`;
  return button(ids, label, b.action, b.primary ? "primary" : undefined);
}

function buttonBlocks(ids: ActionIds, list: ButtonView[], title?: string): Block[] {
  const out: Block[] = title ? [context(titled(title))] : [];
  out.push(...actions(list.flatMap((b) => slackButton(ids, b) ?? [])));
  const links = list.flatMap((b) =>
    "url" in b && /^https:\/\/[^\s<>|]+$/.test(b.url)
      ? [`<${esc(b.url)}|${esc(b.label).replace(/\|/g, "/")}>`]
      : [],
  );
  if (links.length) out.push(context(links.join(" · ")));
  return out;
}

const bullets = (items: Line[]) =>
  items.length === 1 && items[0] ? [md(items[0])] : items.map((i) => `• ${md(i)}`);

function partBlocks(p: Part, ids: ActionIds): Block[] {
  switch (p.type) {
    case "text": {
      const text = [titled(p.title, p.owner), `${icon(p.icon)}${md(p.text)}`].filter(Boolean).join("\n");
      return [p.note ? context(text) : section(text)];
    }
    case "list":
      return sections(
        p.items.map((i) => `• ${md(i)}`),
        titled(p.title, p.owner) || undefined,
      );
    case "pair":
      return [fields(p.cells.map((c) => `${titled(c.title, c.owner)}\n${bullets(c.items).join("\n")}`))];
    case "table": {
      // Two fields a row, ten fields a section.
      const out: Block[] = [];
      for (let i = 0; i < p.rows.length; i += 5)
        out.push(fields(p.rows.slice(i, i + 5).flatMap((r) => [md(r.label), md(r.value)])));
      return out;
    }
    case "facts":
      return sections(
        p.facts.map((f) => `\`${esc(f.title)}\`  ${esc(f.value)}`),
        titled(p.title),
      );
    case "buttons":
      return buttonBlocks(ids, p.buttons, p.title);
    case "offer": {
      const b = slackButton(ids, p.button);
      return [section(`*${esc(p.title)}:* ${md(p.text)}`, b ?? undefined)];
    }
    case "heading":
      return [header(`${icon(p.icon)}${esc(p.text)}`)];
    case "group":
      return [...(p.title ? [section(md(p.title))] : []), ...p.parts.flatMap((x) => partBlocks(x, ids))];
  }
}

function headBlocks(head: NonNullable<CardView["head"]>): Block[] {
  const out: Block[] = [];
  // The verdict is what the reader came for: Slack's largest text, the header.
  if (head.verdict) out.push(header(`${OWNER_EMOJI[head.verdict]} ${VERDICT[head.verdict]}`));
  if (head.title !== undefined) {
    if (!head.verdict) out.push(header(`${icon(head.icon)}${md(head.title, true)}`));
    else
      out.push(
        section(
          `${icon(head.icon)}${typeof head.title === "string" ? `*${esc(head.title)}*` : md(head.title)}`,
        ),
      );
  }
  if (head.sub) out.push(context(md(head.sub)));
  return out;
}

/** The blocks of a view: head, parts (groups apart), source, status and the card's own buttons. */
function viewBlocks(view: CardView, sharedBy?: string): Block[] {
  const ids = new ActionIds();
  const blocks: Block[] = [];
  if (view.quote) blocks.push(context(`:speech_balloon: _${inert(view.quote, 200)}_`));
  if (view.head) blocks.push(...headBlocks(view.head));
  view.parts.forEach((p, i) => {
    if (p.type === "group" && view.parts[i - 1]?.type === "group") blocks.push({ type: "divider" });
    blocks.push(...partBlocks(p, ids));
  });
  if (view.source) {
    const title = esc(view.source.title).replace(/\|/g, "/");
    const url = view.source.url;
    const link = url && /^https:\/\/[^\s<>|]+$/.test(url) ? `<${esc(url)}|${title}>` : title;
    blocks.push(context(`:books: ${COPY.source}${link}${esc(COPY.reviewed(view.source.reviewed))}`));
  }
  if (sharedBy && SLACK_USER_ID.test(sharedBy)) blocks.push(context(`${COPY.sharedBy}<@${sharedBy}>`));
  if (view.status) blocks.push(context(md(view.status)));
  blocks.push(...buttonBlocks(ids, view.actions));
  return blocks;
}

export function messageOf(view: CardView, sharedBy?: string): BlockKitMessage {
  return { text: fallbackText(renderViewText(view)), blocks: fitBlocks(viewBlocks(view, sharedBy)) };
}

const VOTE = {
  thanks: { vote: { helpful: true, counted: true } },
  already: { vote: { helpful: true, counted: false } },
  none: { hideVote: true },
  buttons: {},
} as const;

function viewOptions(opts: BlockKitOptions) {
  return {
    share: opts.share,
    quote: opts.showQuestion,
    commandPrefix: opts.commandPrefix ?? "/srm ",
    ...VOTE[opts.feedback ?? "buttons"],
  };
}

/** An Answer as a Block Kit message: the blocks plus a plain `text` that reads well on its own. */
export function renderBlockKit(answer: Answer, opts: BlockKitOptions = {}): BlockKitMessage {
  return messageOf(answerView(answer, viewOptions(opts)), opts.sharedBy);
}

/** Anything respond() returns, as one Block Kit message. */
export function renderReply(reply: Reply, opts: BlockKitOptions = {}): BlockKitMessage {
  return messageOf(replyView(reply, viewOptions(opts)), opts.sharedBy);
}

export const { renderQuizCard, renderQuizOutcome, renderReveal, renderLeaderboard, renderNotice } =
  renderersOf((view) => messageOf(view));
export const renderWelcome = (examples: string[]) =>
  messageOf(welcomeView(examples, { commandPrefix: "/srm " }));

/** The App Home tab. */
export function renderHome(view: HomeView): types.HomeView {
  return { type: "home", blocks: fitBlocks(viewBlocks(homeView(view)), LIMITS.viewBlocks) };
}
