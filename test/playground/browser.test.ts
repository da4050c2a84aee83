// The playground as a person uses it: Debian's Chromium driven by playwright-core (no downloaded browser).
// `.ci/run` installs chromium with apt-get; the screenshot lands in test-results/playground.png.

import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/knowledge/paths.js";
import type { PlaygroundResponse } from "../../src/playground/api.js";
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

    // The Slack view: the same answer's Block Kit JSON.
    await page.getByLabel(/Show the Slack Block Kit JSON/).check();
    const json = first.locator(".blockkit pre");
    await json.waitFor({ state: "visible" });
    expect(await json.textContent()).toMatch(/"blocks"/);

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
