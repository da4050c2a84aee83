// The playground as a person uses it: Debian's Chromium driven by playwright-core (no downloaded browser).
// `.ci/run` installs chromium with apt-get; screenshots land in test-results/ (every card kind in
// test-results/cards/, Teams and Slack views, 1280 and 390 px wide), each checked as it is taken.

import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";
import type { Owner } from "../../src/knowledge/schema.js";
import type { PlaygroundResponse } from "../../src/playground/api.js";
import { VERDICT } from "../../src/render/copy.js";
import { type RunningServer, startServer } from "../server/run-server.js";

const CHROMIUM = "/usr/bin/chromium";
const RESULTS = join(projectRoot, "test-results");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

let server: RunningServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  server = await startServer({ QUIZ_SEED: "11" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.locator("#examples button").count()).toBeGreaterThan(0);
  return page;
}

const replies = (page: Page) => page.locator("#transcript .reply");

describe("playground in a real browser", () => {
  it("asks, shows the Teams card, follows a suggestion, takes a quiz — by keyboard and mouse", async () => {
    const page = await open({ width: 1100, height: 900 });

    // Keyboard: the labelled box, typed into, Enter sends.
    const box = page.getByLabel("Your question");
    await box.fill("who handles RDS patching");
    const asked = page.waitForResponse((r) => r.url().endsWith("/playground/api/ask"));
    await box.press("Enter");
    const answer = (await (await asked).json()) as PlaygroundResponse;
    expect(answer.replies[0]?.card.fallbackText).toMatch(/^\[AWS\]/);

    const first = replies(page).first();
    await first.locator(".ac-adaptiveCard").waitFor();
    await expect.poll(() => first.getAttribute("data-kind")).toBe("answer");
    expect(await first.textContent()).toMatch(/AWS/);
    expect(await first.textContent()).toMatch(/RDS/);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

    // A suggestion or related question on the card: a button that asks another question.
    const suggestion = first.locator(".ac-pushButton").filter({ hasText: /\?$/ }).first();
    const suggested = ((await suggestion.textContent()) ?? "").trim();
    await suggestion.click();
    await expect.poll(() => replies(page).count()).toBe(2);
    expect(await page.locator("#transcript .msg-user p").last().textContent()).toBe(suggested);
    await replies(page).nth(1).locator(".ac-adaptiveCard").waitFor();

    // A vote redraws the card voted on, without its buttons, instead of posting it again.
    const count = await replies(page).count();
    const voted = page.waitForResponse((r) => r.url().endsWith("/playground/api/action"));
    await first.locator(".ac-pushButton").filter({ hasText: "Helpful" }).first().click();
    await voted;
    await expect.poll(() => first.textContent()).toMatch(/Marked helpful/);
    expect(await replies(page).count()).toBe(count);
    expect(
      await first
        .locator(".ac-pushButton")
        .filter({ hasText: /Helpful/ })
        .count(),
    ).toBe(0);
    expect(await page.locator("#transcript .msg-user p").last().textContent()).toBe(suggested);

    // Quiz me, then answer it with the card's own buttons.
    await page.getByRole("button", { name: "Quiz me" }).click();
    const quiz = page.locator('#transcript .reply[data-kind="quiz"]').last();
    await quiz.locator(".ac-adaptiveCard").waitFor();
    await quiz.locator(".ac-pushButton").filter({ hasText: /AWS/ }).first().click();
    const outcome = page.locator('#transcript .reply[data-kind="quiz_outcome"]').last();
    await outcome.locator(".ac-adaptiveCard").waitFor();
    expect(await outcome.textContent()).toMatch(/correct|not quite|answer/i);

    // The Slack view: the same answer drawn as a Slack message from its Block Kit, the JSON one click further.
    await page.getByLabel("Slack message").check();
    const slack = first.locator(".surface-slack .sk-message");
    await slack.waitFor({ state: "visible" });
    expect(await first.locator(".surface-teams").isVisible()).toBe(false);
    expect(await slack.locator(".sk-header").first().textContent()).toMatch(/AWS owns this/);
    await first.locator(".raw summary").click();
    expect(await first.locator(".raw pre").textContent()).toMatch(/"blocks"/);
    // A Slack button asks through the same action as the Teams one.
    const before = await replies(page).count();
    await slack.locator(".sk-button").filter({ hasText: /\?$/ }).first().click();
    await expect.poll(() => replies(page).count()).toBe(before + 1);
    await page.getByLabel("Both").check();

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, "playground.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("shows user text as text, never as markup", async () => {
    const page = await open({ width: 800, height: 700 });
    await page.getByLabel("Your question").fill('<img src=x onerror="alert(1)"> <b>bold</b> who patches ec2');
    await page.getByRole("button", { name: "Ask" }).click();
    await replies(page).first().locator(".ac-adaptiveCard").waitFor();
    expect(await page.locator("#transcript img, #transcript b").count()).toBe(0);
    expect(await page.locator("#transcript .msg-user p").first().textContent()).toContain("<b>bold</b>");
    await page.close();
    expect(problems).toEqual([]);
  });

  it("fits a phone screen: an example question answered without sideways scrolling", async () => {
    const page = await open({ width: 375, height: 740 });
    await page.locator("#examples button").first().click();
    await replies(page).first().locator(".ac-adaptiveCard").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, "playground-phone.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });
});

/** The card kinds, and how a person gets each in the playground. */
const KINDS: Array<{ name: string; ask?: string; button?: string; verdict?: Owner | "any" }> = [
  { name: "answer-aws", ask: "who patches the os on rds?", verdict: "aws" },
  { name: "answer-customer", ask: "who patches the EC2 guest OS?", verdict: "customer" },
  { name: "answer-shared", ask: "who patches the python runtime in app runner", verdict: "shared" },
  { name: "close-call", ask: "who handles RDS patching?", verdict: "aws" },
  { name: "fallback", ask: "what is the weather in Paris" },
  { name: "help", ask: "help" },
  { name: "service", ask: "service lambda" },
  { name: "model", ask: "model serverless" },
  { name: "compare", ask: "compare patching ec2 rds lambda eks fargate" },
  { name: "shared-controls", ask: "what are the shared controls?" },
  { name: "quiz", button: "Quiz me" },
  { name: "quiz-result", verdict: "any" },
  { name: "leaderboard", ask: "leaderboard" },
  { name: "app-home", button: "App Home" },
];

interface Checked {
  overflow: string[];
  broken: string[];
  verdict: { text: string; size: number; largest: number; contrast: number } | null;
}

/** Runs in the page: overflow, words split over two lines, and the verdict's size and contrast. */
function inspect(root: Element, verdicts: string[]): Checked {
  const box = root.getBoundingClientRect();
  const overflow: string[] = [];
  for (const el of root.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1))
      overflow.push(`${el.tagName}.${el.className}: ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) overflow.push("the page scrolls sideways");
  const broken: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const textEls = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? "";
    if (text.trim() && n.parentElement) textEls.add(n.parentElement);
    for (const m of text.matchAll(/\S{2,}/g)) {
      const range = document.createRange();
      range.setStart(n, m.index ?? 0);
      range.setEnd(n, (m.index ?? 0) + m[0].length);
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  const size = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
  const verdictEl = [...textEls].find((el) => verdicts.some((v) => (el.textContent ?? "").includes(v)));
  if (!verdictEl) return { overflow, broken, verdict: null };
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = (c: string) => {
    const [r = 0, g = 0, b = 0] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let bg = "rgb(255, 255, 255)";
  for (let el: Element | null = verdictEl; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    const alpha = rgb(c)[3];
    if (c !== "transparent" && alpha !== 0) {
      bg = c;
      break;
    }
  }
  const [hi, lo] = [lum(getComputedStyle(verdictEl).color), lum(bg)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return {
    overflow,
    broken,
    verdict: {
      text: verdictEl.textContent ?? "",
      size: size(verdictEl),
      largest: Math.max(...[...textEls].map(size)),
      contrast: (hi + 0.05) / (lo + 0.05),
    },
  };
}

describe("every card kind, as Teams and as Slack show it, at desktop and phone width", () => {
  it.each([1280, 390])(
    "%i px",
    async (width) => {
      const page = await open({ width, height: 900 });
      const dir = join(RESULTS, "cards");
      mkdirSync(dir, { recursive: true });
      const failures: string[] = [];
      for (const kind of KINDS) {
        const count = await replies(page).count();
        if (kind.ask) {
          await page.getByLabel("Your question").fill(kind.ask);
          await page.getByRole("button", { name: "Ask" }).click();
        } else if (kind.button) await page.getByRole("button", { name: kind.button, exact: true }).click();
        else {
          // The quiz result: answer the quiz card just shown, with its own button.
          await page.getByLabel("Teams card").check();
          await replies(page).last().locator(".ac-pushButton").first().click();
        }
        await expect.poll(() => replies(page).count()).toBe(count + 1);
        const reply = replies(page).last();
        await reply.locator(".ac-adaptiveCard").waitFor({ state: "attached" });
        for (const surface of ["teams", "slack"] as const) {
          await page.getByLabel(surface === "teams" ? "Teams card" : "Slack message").check();
          const view = reply.locator(
            surface === "teams" ? ".surface-teams .card" : ".surface-slack .sk-message",
          );
          await view.waitFor({ state: "visible" });
          await view.screenshot({ path: join(dir, `${kind.name}-${surface}-${width}.png`) });
          const owners = kind.verdict === "any" ? (["aws", "customer", "shared"] as const) : [kind.verdict];
          const verdicts = kind.verdict ? owners.flatMap((o) => (o ? [VERDICT[o]] : [])) : [];
          const got = await view.evaluate(inspect, verdicts);
          const at = `${kind.name} ${surface} ${width}px`;
          for (const o of got.overflow) failures.push(`${at}: overflows: ${o}`);
          for (const w of got.broken) failures.push(`${at}: word broken inside: ${w}`);
          if (kind.verdict) {
            if (!got.verdict) failures.push(`${at}: no owner verdict`);
            else {
              if (got.verdict.size < got.verdict.largest)
                failures.push(`${at}: verdict ${got.verdict.size}px, largest text ${got.verdict.largest}px`);
              if (got.verdict.contrast < 4.5)
                failures.push(`${at}: verdict contrast ${got.verdict.contrast.toFixed(2)}:1`);
            }
          }
        }
      }
      await page.close();
      expect(failures).toEqual([]);
      expect(problems).toEqual([]);
    },
    240_000,
  );
});
