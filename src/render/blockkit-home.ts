// The App Home tab: what srm-bot does, questions to click, your quiz stats, and for workspace admins the
// questions the knowledge base could not answer well.

import type { types } from "@slack/bolt";
import type { ScoreRow } from "../store/types.js";
import {
  ActionIds,
  actions,
  askButton,
  type Block,
  button,
  context,
  divider,
  esc,
  fitBlocks,
  header,
  inert,
  LIMITS,
  ownerTag,
  section,
  sections,
} from "./blockkit-kit.js";

export interface HomeAdminView {
  unanswered: Array<{ question: string; count: number }> | null;
  unhelpful: Array<{ target: string; question: string; count: number }> | null;
}

export interface HomeView {
  examples: string[];
  /** The user's quiz totals; null when they never answered; undefined when the quiz is not available. */
  stats?: ScoreRow | null;
  /** Present for workspace admins and owners only; a null list means the store could not be read. */
  admin?: HomeAdminView;
}

export function renderHome(view: HomeView): types.HomeView {
  const ids = new ActionIds();
  const blocks: Block[] = [
    header("srm-bot: who owns what in AWS"),
    section(
      "I answer questions about the *AWS Shared Responsibility Model*: for any task, whether AWS owns it, you do, or it is shared, why, and what the other side still owns. I also run a daily quiz for channels.",
    ),
    context(`${ownerTag("aws")}   ${ownerTag("customer")}   ${ownerTag("shared")}`),
    section(
      "*How to ask*\n• Mention me in a channel: `@srm-bot who handles RDS patching?` (I answer in the thread)\n• Send me a direct message\n• Use `/srm &lt;question&gt;` anywhere (only you see the answer, with a button to share it)\n• `/srm help` lists the commands",
    ),
    context("*Try one* (the answer arrives in the Messages tab)"),
    ...actions(view.examples.map((q) => askButton(ids, q, q))),
    divider(),
    header(":brain: Your quiz"),
  ];
  if (view.stats === undefined) blocks.push(section("The quiz isn't available right now."));
  else if (view.stats === null)
    blocks.push(
      section("You haven't answered a quiz question yet."),
      ...actions([button(ids, "Quiz me", { a: "quiz_new" }, "primary")]),
    );
  else {
    const s = view.stats;
    blocks.push(
      section(
        `*${s.points}* points · *${s.correct}/${s.answered}* correct · streak *${s.streak}* (best ${s.bestStreak})`,
      ),
      ...actions([button(ids, "Quiz me", { a: "quiz_new" }, "primary")]),
    );
  }
  if (view.admin) blocks.push(divider(), ...adminBlocks(view.admin));
  return { type: "home", blocks: fitBlocks(blocks, LIMITS.viewBlocks) };
}

function adminBlocks(admin: HomeAdminView): Block[] {
  const blocks: Block[] = [
    header(":bar_chart: Improve the knowledge base"),
    context("Only workspace admins see this. Questions are stored without who asked them."),
  ];
  const list = <T>(title: string, rows: T[] | null, line: (r: T, i: number) => string) => {
    if (rows === null) blocks.push(section(`*${title}*\n_Couldn't read these right now._`));
    else if (rows.length === 0) blocks.push(section(`*${title}*\n_Nothing yet._`));
    else blocks.push(...sections(rows.map(line), `*${title}*`));
  };
  list(
    "Most asked, not answered",
    admin.unanswered,
    (r, i) => `${i + 1}. ${inert(r.question, 200)} (${r.count}×)`,
  );
  list(
    "Answers marked not helpful",
    admin.unhelpful,
    (r, i) => `${i + 1}. \`${esc(r.target)}\`: ${inert(r.question, 200)} (${r.count}×)`,
  );
  return blocks;
}
