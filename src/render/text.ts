// Plain text of a card view: the CLI's output and every card's fallback. A thin serialiser like the others.

import type { Answer } from "../engine/answer.js";
import type { Owner } from "../knowledge/schema.js";
import { OWNER_WORD } from "./copy.js";
import { type ButtonView, type CardView, type Line, type Part, wordsOf } from "./view.js";
import { answerView } from "./view-answer.js";

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

/** A readable, self-contained text version of an answer. */
export function renderText(a: Answer, style: TextStyle = PLAIN): string {
  return renderViewText(answerView(a, { hideVote: true, commandPrefix: "" }), style);
}

// Owner marks read as [AWS]; a glyph alone says nothing in text.
function partLines(p: Part, style: TextStyle, words: (l: Line) => string): string[] {
  const head = (t: string | undefined, o?: Owner) =>
    t ? [o ? style.owner(o, `${t}:`) : style.bold(`${t}:`)] : [];
  switch (p.type) {
    case "text":
      if (p.note) return [style.dim(words(p.text))];
      return p.title ? [`${style.bold(`${p.title}:`)} ${words(p.text)}`] : [words(p.text)];
    case "list":
      return [...head(p.title, p.owner), ...p.items.map((i) => `  • ${words(i)}`)];
    case "pair":
      return p.cells.flatMap((c) => [`  ${c.title}:`, ...c.items.map((i) => `    • ${words(i)}`)]);
    case "table": {
      const width = Math.max(...p.rows.map((r) => words(r.label).length));
      return p.rows.map((r) => `  ${words(r.label).padEnd(width)}  ${words(r.value)}`);
    }
    case "facts":
      return [...head(p.title), ...p.facts.map((f) => `  ${f.title.padEnd(28)} ${f.value}`)];
    case "buttons": {
      const asks = p.buttons.map((b) =>
        "url" in b ? `  ${b.label}: ${b.url}` : `  • ${said(b)}${b.owner ? ` [${OWNER_WORD[b.owner]}]` : ""}`,
      );
      return [...head(p.title), ...asks];
    }
    case "offer":
      return [`${style.bold(`${p.title}:`)} ${words(p.text)} — ask “${said(p.button)}”`];
    case "heading":
      return [style.bold(p.text)];
    case "group":
      return [
        ...(p.title ? [style.bold(words(p.title))] : []),
        ...p.parts.flatMap((x) => partLines(x, style, words)),
      ];
  }
}

/** `typed` makes what a person typed safe for where the text goes (a card's fallback, a summary). */
export function renderViewText(view: CardView, style: TextStyle = PLAIN, typed = (s: string) => s): string {
  const words = (l: Line) => wordsOf(l, (m) => `[${OWNER_WORD[m.owner]}]`, typed).trim();
  const blocks: string[][] = [];
  const h = view.head;
  if (h) {
    const title = h.title === undefined ? "" : style.bold(words(h.title));
    const verdict = h.verdict ? style.owner(h.verdict, `[${OWNER_WORD[h.verdict]}]`) : "";
    blocks.push([[verdict, title].filter(Boolean).join(" "), ...(h.sub ? [words(h.sub)] : [])]);
  }
  for (const p of view.parts) blocks.push(partLines(p, style, words));
  if (view.source) {
    const s = view.source;
    blocks.push([style.dim(`Source: ${s.title}${s.url ? ` — ${s.url}` : ""} (reviewed ${s.reviewed})`)]);
  }
  if (view.status) blocks.push([words(view.status)]);
  return blocks
    .filter((b) => b.length)
    .map((b) => b.join("\n"))
    .join("\n\n");
}

/** Text has room for the whole question a button asks (its label may be cut). */
const said = (b: ButtonView) => ("action" in b && b.action.a === "ask" ? b.action.q : b.label);
