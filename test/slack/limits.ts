// Block Kit's limits and srm-bot's own rules, checked on a message (or view) exactly as it is sent.
// Returns a list of problems: an empty list means Slack would take it.

import { parseCardAction } from "../../src/conversation/actions.js";

type Obj = Record<string, unknown>;

/** Only srm-bot's own mark-up may use angle brackets: https links and the sharer's user mention. */
const ALLOWED_ANGLE = /^<(?:https:\/\/[^\s<>|]+\|[^<>]*|@[UW][A-Z0-9]+)>$/;

export function checkMessage(msg: Obj, surface: "message" | "view" = "message"): string[] {
  const problems: string[] = [];
  const blocks = (msg.blocks as Obj[] | undefined) ?? [];
  const max = surface === "message" ? 50 : 100;
  if (surface === "message") {
    if (typeof msg.text !== "string" || msg.text.trim() === "") problems.push("no text fallback");
    else if (msg.text.length > 40_000) problems.push(`text is ${msg.text.length} characters`);
    else checkUserSafe(msg.text, "text", problems);
  }
  if ("link_names" in msg) problems.push("link_names is set");
  if (blocks.length > max) problems.push(`${blocks.length} blocks (max ${max})`);
  if (blocks.length === 0) problems.push("no blocks");
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => {
    checkBlock(b, `blocks[${i}]`, problems, actionIds);
  });
  return problems;
}

function checkBlock(b: Obj, at: string, problems: string[], actionIds: Set<string>): void {
  const text = b.text as Obj | undefined;
  if (typeof b.block_id === "string" && b.block_id.length > 255) problems.push(`${at}.block_id too long`);
  switch (b.type) {
    case "header":
      checkText(text, `${at}.text`, 150, problems, "plain_text");
      break;
    case "section": {
      const fields = b.fields as Obj[] | undefined;
      if (!text && !fields) problems.push(`${at}: section without text or fields`);
      if (text) checkText(text, `${at}.text`, 3000, problems);
      if (fields) {
        if (fields.length > 10) problems.push(`${at}: ${fields.length} fields`);
        fields.forEach((f, i) => {
          checkText(f, `${at}.fields[${i}]`, 2000, problems);
        });
      }
      if (b.accessory) checkElement(b.accessory as Obj, `${at}.accessory`, problems, actionIds);
      break;
    }
    case "context": {
      const els = (b.elements as Obj[]) ?? [];
      if (els.length === 0 || els.length > 10) problems.push(`${at}: ${els.length} context elements`);
      els.forEach((e, i) => {
        checkText(e, `${at}.elements[${i}]`, 3000, problems);
      });
      break;
    }
    case "actions": {
      const els = (b.elements as Obj[]) ?? [];
      if (els.length === 0 || els.length > 25) problems.push(`${at}: ${els.length} action elements`);
      els.forEach((e, i) => {
        checkElement(e, `${at}.elements[${i}]`, problems, actionIds);
      });
      break;
    }
    case "divider":
      break;
    default:
      problems.push(`${at}: unexpected block type ${String(b.type)}`);
  }
}

function checkElement(e: Obj, at: string, problems: string[], actionIds: Set<string>): void {
  if (e.type !== "button") {
    problems.push(`${at}: unexpected element ${String(e.type)}`);
    return;
  }
  checkText(e.text as Obj, `${at}.text`, 75, problems, "plain_text");
  const id = e.action_id;
  if (typeof id !== "string" || id.length === 0 || id.length > 255) problems.push(`${at}: bad action_id`);
  else if (actionIds.has(id)) problems.push(`${at}: duplicate action_id ${id}`);
  else actionIds.add(id);
  const value = e.value;
  if (typeof value !== "string" || value.length > 2000) problems.push(`${at}: bad value`);
  else if (!parseCardAction(value))
    problems.push(`${at}: value is not a valid CardAction: ${value.slice(0, 80)}`);
}

function checkText(
  t: Obj | undefined,
  at: string,
  max: number,
  problems: string[],
  only?: "plain_text",
): void {
  if (!t || typeof t.text !== "string") {
    problems.push(`${at}: missing text`);
    return;
  }
  if (only && t.type !== only) problems.push(`${at}: must be ${only}`);
  if (t.type !== "plain_text" && t.type !== "mrkdwn")
    problems.push(`${at}: unknown text type ${String(t.type)}`);
  if (t.text.length === 0) problems.push(`${at}: empty text`);
  if (t.text.length > max) problems.push(`${at}: ${t.text.length} characters (max ${max})`);
  checkUserSafe(t.text, at, problems);
}

/** No raw & that is not an entity, and no angle brackets except srm-bot's links and the sharer mention. */
function checkUserSafe(text: string, at: string, problems: string[]): void {
  for (const m of text.match(/<[^>]*>?/g) ?? [])
    if (!ALLOWED_ANGLE.test(m)) problems.push(`${at}: unescaped markup ${m.slice(0, 40)}`);
  if (text.replace(/<[^>]*>/g, "").includes(">")) problems.push(`${at}: unescaped >`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`${at}: unescaped &`);
}
