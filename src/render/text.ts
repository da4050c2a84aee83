import type { Answer } from "../engine/answer.js";
import { OWNER_LABEL } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import { compareNotes, relatedToShow, unknownModelNote, unknownServiceNote } from "./card-policy.js";

export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
  owner(o: Owner, s: string): string;
}

export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s, owner: (_o, s) => s };

const OWNER_COLOUR: Record<Owner, string> = { aws: "33", customer: "36", shared: "35" };
export const ANSI: TextStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  owner: (o, s) => `\x1b[1;${OWNER_COLOUR[o]}m${s}\x1b[0m`,
};

/** A readable, self-contained text version of an answer: the CLI's output and every card's fallback. */
export function renderText(a: Answer, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  const d = a.detail;
  switch (d.kind) {
    case "entry": {
      out.push(`${style.owner(d.owner, `[${OWNER_LABEL[d.owner]}]`)} ${style.bold(d.statement)}`);
      if (d.basis === "rule" && d.ruleLabel) out.push(d.ruleLabel);
      out.push("", d.rationale);
      if (d.caveats.length) {
        out.push("", style.bold("Depends on the service model:"));
        for (const c of d.caveats)
          out.push(`  • ${c.label}${c.owner ? ` (${OWNER_LABEL[c.owner]})` : ""}: ${c.text}`);
      }
      out.push(
        "",
        `${style.bold(d.owner === "aws" ? "What you still own:" : d.owner === "customer" ? "What AWS still owns:" : "How it splits:")} ${d.otherParty}`,
      );
      if (d.closeCall)
        out.push(
          "",
          `${style.bold("You may also mean:")} ${d.closeCall.statement} [${OWNER_LABEL[d.closeCall.owner]}] — ask “${d.closeCall.question}”`,
        );
      const related = relatedToShow(d);
      if (related.length) {
        out.push("", style.bold("Related:"));
        for (const r of related) out.push(`  • ${r.question} [${OWNER_LABEL[r.owner]}]`);
      }
      out.push(
        "",
        style.dim(
          `Source: ${d.source.title}${d.source.url ? ` — ${d.source.url}` : ""} (reviewed ${d.reviewed})`,
        ),
      );
      break;
    }
    case "service": {
      out.push(`${style.bold(d.name)} — ${d.modelName}`, "", d.summary);
      const side = (label: string, o: Owner, refs: typeof d.aws) => {
        if (!refs.length) return;
        out.push("", style.owner(o, label));
        for (const r of refs) out.push(`  • ${r.statement}`);
      };
      side("AWS owns", "aws", d.aws);
      side("You own", "customer", d.customer);
      side("Shared", "shared", d.shared);
      if (d.url) out.push("", style.dim(`More: ${d.url}`));
      break;
    }
    case "models": {
      // One model: its summary is the headline, said once below its name.
      const unknown = unknownModelNote(d, (s) => s);
      if (unknown) out.push(unknown);
      if (d.models.length > 1) out.push(a.headline);
      for (const m of d.models) {
        if (out.length) out.push("");
        out.push(style.bold(m.name), m.summary);
        out.push("  AWS handles:", ...m.aws.map((s) => `    • ${s}`));
        out.push("  You handle:", ...m.customer.map((s) => `    • ${s}`));
        if (m.examples.length) out.push(style.dim(`  e.g. ${m.examples.map((e) => e.name).join(", ")}`));
      }
      break;
    }
    case "controls":
      out.push(a.headline);
      for (const c of d.controls) out.push("", style.bold(c.name), `  AWS: ${c.aws}`, `  You: ${c.customer}`);
      break;
    case "compare": {
      out.push(style.bold(`${d.topicName} across services`));
      for (const note of compareNotes(d)) out.push(style.dim(note));
      out.push("");
      const width = Math.max(...d.rows.map((r) => r.service.name.length));
      for (const r of d.rows) {
        const owner = r.owner ? style.owner(r.owner, OWNER_LABEL[r.owner].padEnd(8)) : "—".padEnd(8);
        if (d.topic === null) out.push(`  ${style.bold(r.service.name)}: ${r.service.summary}`);
        else
          out.push(
            `  ${r.service.name.padEnd(width)}  ${owner}  ${r.entry?.statement ?? "no entry on this topic yet"}`,
          );
      }
      break;
    }
    case "help":
      out.push(a.headline, "", style.bold("Try:"));
      for (const q of d.examples) out.push(`  • ${q}`);
      out.push("", style.bold("Commands:"));
      for (const c of d.commands) out.push(`  ${c.command.padEnd(28)} ${c.description}`);
      break;
    case "command":
      out.push(
        d.command === "quiz"
          ? "Quizzes run in Slack and Teams channels: try `/srm quiz` there, or the playground's “Quiz me” button."
          : "The leaderboard lives in Slack and Teams channels: try `/srm leaderboard` there.",
      );
      break;
    case "fallback": {
      out.push(a.headline);
      const unknown = unknownServiceNote(d, (s) => s);
      if (unknown) out.push(unknown);
      if (a.suggestions.length) {
        out.push("", style.bold(d.reason === "low_confidence" ? "Did you mean:" : "You could ask:"));
        for (const s of a.suggestions) out.push(`  • ${s}`);
      }
      break;
    }
  }
  return out.join("\n");
}
