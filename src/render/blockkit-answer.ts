// The answer card in Block Kit: one function per Answer kind, all inside Slack's limits (see blockkit-kit.ts).

import { feedbackTarget, isRated } from "../conversation/feedback.js";
import type {
  Answer,
  CommandDetail,
  CompareDetail,
  ControlsDetail,
  EntryDetail,
  EntryRef,
  FallbackDetail,
  HelpDetail,
  ModelDetail,
  ServiceDetail,
} from "../engine/answer.js";
import { OWNER_LABEL } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import {
  ActionIds,
  actions,
  askButton,
  type Block,
  type BlockKitMessage,
  type Button,
  button,
  context,
  divider,
  esc,
  fallbackText,
  fields,
  fitBlocks,
  header,
  inert,
  OWNER_EMOJI,
  OWNER_VERDICT,
  ownerTag,
  section,
  sections,
} from "./blockkit-kit.js";
import {
  compareNotes,
  relatedToShow,
  unknownModelNote,
  unknownServiceNote,
  voteNote,
} from "./card-policy.js";
import { renderText } from "./text.js";

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

/** An Answer as a Block Kit message: the blocks plus a plain `text` that reads well on its own. */
export function renderBlockKit(answer: Answer, opts: BlockKitOptions = {}): BlockKitMessage {
  const ids = new ActionIds();
  const d = answer.detail;
  const body: Block[] = [];
  if (opts.showQuestion && answer.question)
    body.push(context(`:speech_balloon: _${inert(answer.question, 200)}_`));
  switch (d.kind) {
    case "entry":
      body.push(...entryBlocks(d, ids));
      break;
    case "service":
      body.push(...serviceBlocks(d, ids));
      break;
    case "models":
      body.push(...modelBlocks(answer, d));
      break;
    case "controls":
      body.push(...controlBlocks(answer, d));
      break;
    case "compare":
      body.push(...compareBlocks(d, ids));
      break;
    case "help":
      body.push(...helpBlocks(answer, d, ids, opts.commandPrefix ?? "/srm "));
      break;
    case "command":
      body.push(...commandBlocks(d));
      break;
    case "fallback":
      body.push(...fallbackBlocks(answer, d, ids, opts.showQuestion !== true));
      break;
  }
  if (opts.sharedBy && SLACK_USER_ID.test(opts.sharedBy)) body.push(context(`Shared by <@${opts.sharedBy}>`));
  const footer = footerButtons(answer, ids, opts);
  if (footer.thanks) body.push(context(footer.thanks));
  const blocks = fitBlocks([...body, ...actions(footer.buttons)]);
  return { text: fallbackText(renderText(answer)), blocks };
}

function footerButtons(
  answer: Answer,
  ids: ActionIds,
  opts: BlockKitOptions,
): { buttons: Button[]; thanks?: string } {
  const buttons: Button[] = [];
  let thanks: string | undefined;
  const rated = isRated(answer);
  const mode = opts.feedback ?? "buttons";
  if (rated && mode === "buttons") {
    const vote = (helpful: boolean) =>
      button(ids, helpful ? ":thumbsup: Helpful" : ":thumbsdown: Not helpful", {
        a: "feedback",
        target: feedbackTarget(answer),
        q: answer.question,
        helpful,
      });
    buttons.push(vote(true), vote(false));
  } else if (rated && mode === "thanks")
    thanks = ":pray: Thanks for the feedback: it helps improve the answers.";
  else if (rated && mode === "already") thanks = `:pray: ${voteNote(true, false)}`;
  if (opts.share && answer.question && answer.detail.kind !== "fallback")
    buttons.push(button(ids, ":mega: Share in channel", { a: "share", q: answer.question }, "primary"));
  return { buttons, thanks };
}

function refButton(ids: ActionIds, ref: EntryRef, label = ref.question): Button {
  return askButton(ids, `${ownerShort(ref.owner)} ${label}`, ref.question);
}

/** The emoji alone: button labels are plain text, where the 75 characters are better spent on words. */
function ownerShort(owner: Owner): string {
  return OWNER_EMOJI[owner];
}

const OTHER_PARTY_HEADING: Record<Owner, string> = {
  aws: "What you still own",
  customer: "What AWS still owns",
  shared: "How it splits",
};

function entryBlocks(d: EntryDetail, ids: ActionIds): Block[] {
  const blocks: Block[] = [
    header(esc(d.statement)),
    section(`${OWNER_EMOJI[d.owner]} *${OWNER_VERDICT[d.owner]}*\n${esc(d.rationale)}`),
  ];
  if (d.basis === "rule" && d.ruleLabel) blocks.push(context(`:straight_ruler: ${esc(d.ruleLabel)}`));
  if (d.services.length) blocks.push(context(`Applies to: ${d.services.map((s) => esc(s.name)).join(", ")}`));
  if (d.caveats.length) {
    const lines = d.caveats.map(
      (c) =>
        `• *${esc(c.label)}*${c.owner && c.owner !== d.owner ? ` (${ownerTag(c.owner)})` : ""}: ${esc(c.text)}`,
    );
    blocks.push(...sections(lines, "*Depends on the service model*"));
  }
  blocks.push(section(`*${OTHER_PARTY_HEADING[d.owner]}*\n${esc(d.otherParty)}`));
  if (d.closeCall) {
    const c = d.closeCall;
    blocks.push(
      section(
        `*You may also mean:* ${esc(c.statement)} (${ownerTag(c.owner)})`,
        askButton(ids, "Answer this instead", c.question),
      ),
    );
  }
  const related = relatedToShow(d);
  if (related.length) {
    blocks.push(context("*Related questions*"));
    blocks.push(...actions(related.map((r) => refButton(ids, r))));
  }
  blocks.push(context(sourceLine(d.source, d.reviewed)));
  return blocks;
}

function sourceLine(source: { title: string; url?: string }, reviewed: string): string {
  const title = esc(source.title).replace(/\|/g, "/");
  const link =
    source.url && /^https:\/\/[^\s<>|]+$/.test(source.url) ? `<${esc(source.url)}|${title}>` : title;
  return `:books: Source: ${link} · Last reviewed ${esc(reviewed)}`;
}

const SIDE_HEADING: Record<Owner, string> = { aws: "AWS owns", customer: "You own", shared: "Shared" };

function serviceBlocks(d: ServiceDetail, ids: ActionIds): Block[] {
  const more = d.url && /^https:\/\/[^\s<>|]+$/.test(d.url) ? ` · <${esc(d.url)}|Documentation>` : "";
  const blocks: Block[] = [
    header(`${esc(d.name)}: who owns what`),
    context(`Service model: *${esc(d.modelName)}*${more}`),
    section(esc(d.summary)),
  ];
  const asks: Button[] = [];
  for (const owner of ["aws", "customer", "shared"] as const) {
    const refs = d[owner];
    if (!refs.length) continue;
    blocks.push(
      ...sections(
        refs.map((r) => `• ${esc(r.statement)}`),
        `${OWNER_EMOJI[owner]} *${SIDE_HEADING[owner]}*`,
      ),
    );
    for (const r of refs) asks.push(refButton(ids, r, r.statement));
  }
  if (asks.length) blocks.push(context("*Ask about one*"), ...actions(asks));
  return blocks;
}

function modelBlocks(answer: Answer, d: ModelDetail): Block[] {
  const blocks: Block[] = [];
  const one = d.models.length === 1 ? d.models[0] : undefined;
  blocks.push(header(one ? esc(one.name) : "Service models: how the split moves"));
  const unknown = unknownModelNote(d, (s) => inert(s, 100), esc);
  if (unknown) blocks.push(section(`:warning: ${unknown}`));
  if (!one) blocks.push(section(esc(answer.headline)));
  d.models.forEach((m, i) => {
    if (i > 0) blocks.push(divider());
    blocks.push(section(`*${esc(m.name)}*\n${esc(m.summary)}`));
    blocks.push(
      fields([
        `${OWNER_EMOJI.aws} *AWS handles*\n${m.aws.map((s) => `• ${esc(s)}`).join("\n")}`,
        `${OWNER_EMOJI.customer} *You handle*\n${m.customer.map((s) => `• ${esc(s)}`).join("\n")}`,
      ]),
    );
    if (m.examples.length)
      blocks.push(context(`For example: ${m.examples.map((e) => esc(e.name)).join(", ")}`));
  });
  return blocks;
}

/** Each control takes two blocks; beyond this many the card would crowd out its own buttons. */
const MAX_CONTROLS = 20;

function controlBlocks(answer: Answer, d: ControlsDetail): Block[] {
  const blocks: Block[] = [header("Shared controls"), section(esc(answer.headline))];
  for (const c of d.controls.slice(0, MAX_CONTROLS)) {
    blocks.push(section(`${OWNER_EMOJI.shared} *${esc(c.name)}*\n${esc(c.summary)}`));
    blocks.push(
      fields([
        `${OWNER_EMOJI.aws} *AWS*\n${esc(c.aws)}`,
        `${OWNER_EMOJI.customer} *You*\n${esc(c.customer)}`,
      ]),
    );
  }
  if (d.controls.length > MAX_CONTROLS)
    blocks.push(context(`…and ${d.controls.length - MAX_CONTROLS} more.`));
  return blocks;
}

/** Rows per section: two fields a row, ten fields a section. */
const ROWS_PER_SECTION = 5;
/** Rows beyond this would push the card past 50 blocks; the text fallback still lists them all. */
const MAX_COMPARE_ROWS = 40;

function compareBlocks(d: CompareDetail, ids: ActionIds): Block[] {
  const rows = d.rows.slice(0, MAX_COMPARE_ROWS);
  const blocks: Block[] = [header(`${esc(d.topicName)} across services`)];
  for (const note of compareNotes(d)) blocks.push(context(`:information_source: ${esc(note)}`));
  // With a topic each row is an owner; without one (services compared as a whole) each row is a summary.
  if (d.topic !== null)
    blocks.push(
      context(
        `${ownerTag("aws")}   ${ownerTag("customer")}   ${ownerTag("shared")}   :white_square: no entry yet`,
      ),
    );
  for (let i = 0; i < rows.length; i += ROWS_PER_SECTION) {
    const cells = rows
      .slice(i, i + ROWS_PER_SECTION)
      .flatMap((r) => [
        `*${esc(r.service.name)}*`,
        d.topic === null
          ? esc(r.service.summary)
          : r.owner && r.entry
            ? `${OWNER_EMOJI[r.owner]} *${OWNER_LABEL[r.owner]}*: ${esc(r.entry.statement)}`
            : ":white_square: _no entry on this topic yet_",
      ]);
    blocks.push(fields(cells));
  }
  if (d.rows.length > rows.length) blocks.push(context(`…and ${d.rows.length - rows.length} more services.`));
  const asks =
    d.topic === null
      ? rows.map((r) => askButton(ids, r.service.name, `What am I responsible for with ${r.service.name}?`))
      : rows.flatMap((r) =>
          r.entry ? [refButton(ids, r.entry, `${r.service.name}: ${r.entry.question}`)] : [],
        );
  if (asks.length)
    blocks.push(
      context(d.topic === null ? "*More on one service*" : "*Full answer for one service*"),
      ...actions(asks),
    );
  return blocks;
}

function helpBlocks(answer: Answer, d: HelpDetail, ids: ActionIds, prefix: string): Block[] {
  const commands = d.commands.map((c) => `\`${esc(prefix + c.command)}\`  ${esc(c.description)}`);
  return [
    section(`:wave: ${esc(answer.headline)}`),
    context("*Try asking*"),
    ...actions(d.examples.map((q) => askButton(ids, q, q))),
    ...sections(commands, "*Commands*"),
    context(
      `${ownerTag("aws")} AWS owns it   ${ownerTag("customer")} you own it   ${ownerTag("shared")} each side owns a part`,
    ),
  ];
}

function commandBlocks(d: CommandDetail): Block[] {
  return [
    section(
      d.command === "quiz"
        ? ":brain: Try `/srm quiz` for a practice question, or `/srm quiz daily` for one every day."
        : ":trophy: Try `/srm leaderboard` for this channel's quiz scores.",
    ),
  ];
}

function fallbackBlocks(answer: Answer, d: FallbackDetail, ids: ActionIds, quote: boolean): Block[] {
  const blocks: Block[] = [section(`:thinking_face: ${esc(answer.headline)}`)];
  const unknown = unknownServiceNote(d, (s) => inert(s, 100));
  if (unknown) blocks.push(context(unknown));
  else if (quote && answer.question) blocks.push(context(`You asked: _${inert(answer.question, 200)}_`));
  if (answer.suggestions.length) {
    blocks.push(context(d.reason === "low_confidence" ? "*Did you mean*" : "*You could ask*"));
    blocks.push(...actions(answer.suggestions.map((q) => askButton(ids, q, q))));
  }
  return blocks;
}
