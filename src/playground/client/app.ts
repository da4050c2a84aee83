// The playground page's script (runs in the browser; compiled by tsc with the rest of src/).
// No framework: a form, a transcript, Microsoft's adaptivecards renderer drawing the Teams cards and slack.ts
// drawing the Slack message from the same reply's Block Kit JSON. Besides slack.js and teams-host.js only types
// are imported.

import type * as AC from "adaptivecards";
import type { ApiError, PlaygroundInfo, PlaygroundReply, PlaygroundResponse } from "../api.js";
import { slackMessage } from "./slack.js";
import { hostConfig, markdownToHtml } from "./teams-host.js";

declare global {
  interface Window {
    AdaptiveCards?: typeof AC;
  }
}

const API = "/playground/api";
const USER_KEY = "srm-bot.playground.user";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
};

const transcript = $<HTMLElement>("transcript");
const form = $<HTMLFormElement>("ask-form");
const input = $<HTMLInputElement>("question");
const sendButton = $<HTMLButtonElement>("send");
const quizButton = $<HTMLButtonElement>("quiz-me");
const homeButton = $<HTMLButtonElement>("app-home");
const examples = $<HTMLUListElement>("examples");
const surfaceChoice = $<HTMLFieldSetElement>("surface");
const status = $<HTMLElement>("status");
const surfaces = $<HTMLElement>("surfaces");

/** One id per browser, so practice quizzes and scores are yours; never sent anywhere but this server. */
function userId(): string {
  try {
    const known = localStorage.getItem(USER_KEY);
    if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
    const fresh = `pg-${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    localStorage.setItem(USER_KEY, fresh);
    return fresh;
  } catch {
    return "guest-browser";
  }
}
const user = userId();
/** Slack emoji codes the cards use, from the server (the same table the renderers draw from). */
let icons: Record<string, string> = {};

let cardsReady = false;
function setUpCards(ac: typeof AC): void {
  if (cardsReady) return;
  cardsReady = true;
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdownToHtml(text);
    result.didProcess = true;
  };
}

function renderCard(reply: PlaygroundReply, wrap?: HTMLElement): HTMLElement {
  const ac = window.AdaptiveCards;
  if (ac) {
    setUpCards(ac);
    const card = new ac.AdaptiveCard();
    card.hostConfig = new ac.HostConfig(hostConfig);
    card.onExecuteAction = (action) => onCardAction(ac, action, wrap);
    card.parse(reply.card);
    const el = card.render();
    if (el) {
      el.classList.add("card");
      fitButtons(el);
      return el;
    }
  }
  // Without the renderer (package missing, script blocked) the card's own fallback text still answers.
  const pre = document.createElement("p");
  pre.className = "card card-fallback";
  pre.textContent = reply.card.fallbackText || reply.summary;
  return pre;
}

/**
 * The renderer lays each button row out on one line and cuts long titles with an ellipsis (inline styles).
 * Questions are the point of these buttons: let rows wrap and titles break instead.
 */
function fitButtons(root: HTMLElement): void {
  for (const row of root.querySelectorAll<HTMLElement>(".ac-actionSet")) row.style.flexWrap = "wrap";
  for (const label of root.querySelectorAll<HTMLElement>(".ac-pushButton > div"))
    label.style.whiteSpace = "normal";
}

function onCardAction(ac: typeof AC, action: AC.Action, wrap?: HTMLElement): void {
  if (action instanceof ac.OpenUrlAction) {
    const url = action.url ?? "";
    if (/^https?:\/\//.test(url)) window.open(url, "_blank", "noopener,noreferrer");
    return;
  }
  if (action instanceof ac.SubmitActionBase) {
    const label = action.title ?? "…";
    const data = action.data as { a?: unknown } | undefined;
    // A vote redraws the card voted on (as Teams updates the message) rather than posting it again.
    const target = data?.a === "feedback" && wrap ? wrap : undefined;
    void send({ action: action.data, user }, label, target);
  }
}

// --- Transcript ---

function addBubble(role: "user" | "bot" | "error", content: Node | string): HTMLElement {
  const item = document.createElement("article");
  item.className = `msg msg-${role}`;
  const who = document.createElement("h3");
  who.className = "visually-hidden";
  who.textContent = role === "user" ? "You" : "srm-bot";
  item.append(who);
  if (typeof content === "string") {
    const p = document.createElement("p");
    p.textContent = content;
    item.append(p);
  } else item.append(content);
  transcript.append(item);
  item.scrollIntoView({ block: "end", behavior: "smooth" });
  return item;
}

function addReply(reply: PlaygroundReply): void {
  const wrap = document.createElement("div");
  fillReply(wrap, reply);
  addBubble("bot", wrap);
}

/** Draws a reply into its wrapper: as the Teams card, as the Slack message, and both as raw JSON. */
function fillReply(wrap: HTMLElement, reply: PlaygroundReply): void {
  wrap.replaceChildren();
  wrap.className = "reply";
  wrap.dataset.kind = reply.kind;
  const teams = document.createElement("div");
  teams.className = "surface-teams";
  teams.append(renderCard(reply, wrap));
  const slack = document.createElement("div");
  slack.className = "surface-slack";
  if (reply.blockKit)
    slack.append(slackMessage(reply.blockKit, icons, (value, label) => onSlackClick(value, label, wrap)));
  else slack.textContent = "Slack has no message for this reply.";
  const raw = document.createElement("details");
  raw.className = "raw";
  const summary = document.createElement("summary");
  summary.textContent = "Raw JSON";
  const code = document.createElement("pre");
  code.textContent = JSON.stringify({ teams: reply.card, slack: reply.blockKit ?? null }, null, 2);
  code.tabIndex = 0;
  raw.append(summary, code);
  wrap.append(teams, slack, raw);
}

/** A Slack button carries the same CardAction as the Teams one: it is sent the same way. */
function onSlackClick(value: string, label: string, wrap: HTMLElement): void {
  let action: unknown;
  try {
    action = JSON.parse(value);
  } catch {
    return;
  }
  const vote = (action as { a?: unknown } | null)?.a === "feedback";
  void send({ action, user }, label.trim() || "…", vote ? wrap : undefined);
}

// --- Talking to the server ---

const BUTTONS = ".ac-pushButton, .sk-button";
let busy = 0;
function setBusy(delta: number): void {
  busy += delta;
  transcript.setAttribute("aria-busy", String(busy > 0));
  status.textContent = busy > 0 ? "srm-bot is answering…" : "";
}

async function send(
  body: { text: string; user: string } | { action: unknown; user: string } | { home: true; user: string },
  shown: string,
  voted?: HTMLElement,
) {
  if (voted) {
    // Until the answer comes back, the buttons of the card voted on cannot be pressed again.
    for (const b of voted.querySelectorAll<HTMLButtonElement>(BUTTONS)) b.disabled = true;
  } else addBubble("user", shown);
  setBusy(1);
  try {
    const path = "text" in body ? "ask" : "action" in body ? "action" : "home";
    const res = await fetch(`${API}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify("home" in body ? { user: body.user } : body),
    });
    const data = (await res.json().catch(() => null)) as PlaygroundResponse | ApiError | null;
    if (!res.ok || !data || !("replies" in data)) {
      const why = data && "message" in data ? data.message : `the server answered ${res.status}`;
      addBubble("error", `Sorry, that didn't work: ${why}`);
      return;
    }
    if (data.replies.length === 0) addBubble("bot", "Done.");
    for (const reply of data.replies) {
      if (voted && reply.redraw) fillReply(voted, reply);
      else addReply(reply);
    }
  } catch {
    addBubble("error", "Couldn't reach srm-bot. Is the server still running?");
  } finally {
    setBusy(-1);
    // Not redrawn (an error, or a thank-you without the card): the card's buttons work again.
    for (const b of voted?.querySelectorAll<HTMLButtonElement>(BUTTONS) ?? []) b.disabled = false;
  }
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text) {
    input.focus();
    return;
  }
  input.value = "";
  void send({ text, user }, text);
  input.focus();
});

homeButton.addEventListener("click", () => {
  void send({ home: true, user }, "App Home");
});

quizButton.addEventListener("click", () => {
  void send({ action: { a: "quiz_new" }, user }, "Quiz me");
});

/** Which surface the transcript shows: Teams, Slack, or both side by side. */
function showSurface(): void {
  const chosen = surfaceChoice.querySelector<HTMLInputElement>("input:checked")?.value ?? "teams";
  document.body.dataset.surface = chosen;
}
surfaceChoice.addEventListener("change", showSurface);
showSurface();

function exampleButton(q: string): HTMLLIElement {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.className = "chip";
  b.textContent = q;
  b.addEventListener("click", () => void send({ text: q, user }, q));
  li.append(b);
  return li;
}

async function loadInfo(): Promise<void> {
  try {
    const res = await fetch(`${API}/info`, { headers: { accept: "application/json" } });
    if (!res.ok) return;
    const info = (await res.json()) as PlaygroundInfo;
    examples.replaceChildren(...info.examples.map(exampleButton));
    icons = info.icons;
    const parts = [
      info.surfaces.slack ? `Slack: ${info.surfaces.slack}` : null,
      info.surfaces.teams ? `Teams: ${info.surfaces.teams}` : null,
    ].filter((p): p is string => p !== null);
    surfaces.textContent = parts.length ? `This server also serves ${parts.join(" · ")}.` : "";
  } catch {
    // The page still works without examples.
  }
}

sendButton.disabled = false;
quizButton.disabled = false;
homeButton.disabled = false;
document.body.classList.add("ready");
void loadInfo();
