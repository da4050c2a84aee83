import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respond } from "../../src/conversation/respond.js";
import { createEngine } from "../../src/engine/index.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir } from "../../src/knowledge/paths.js";
import { PLAYGROUND_TIP, type PlaygroundInfo, type PlaygroundResponse } from "../../src/playground/api.js";
import { renderReply as renderAdaptive } from "../../src/render/adaptive.js";
import { renderReply as renderBlockKit } from "../../src/render/blockkit.js";
import { type RunningServer, startServer } from "../server/run-server.js";

let s: RunningServer;
beforeAll(async () => {
  s = await startServer({ QUIZ_SEED: "7" });
});
afterAll(async () => {
  await s?.stop();
});

const USER = "pgtest_0123456789";
async function post(path: string, body: unknown): Promise<PlaygroundResponse> {
  const res = await fetch(`${s.url}/playground/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PlaygroundResponse;
}

describe("playground page and assets", () => {
  it("serves the page with a strict content security policy", async () => {
    const res = await fetch(`${s.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    const html = await res.text();
    expect(html).toMatch(/<label for="question">/);
    expect(html).toMatch(/Quiz me/);
  });

  it.each([
    ["/playground/app.js", /javascript/],
    ["/playground/slack.js", /javascript/],
    ["/playground/teams-host.js", /javascript/],
    ["/playground/style.css", /text\/css/],
    ["/playground/vendor/adaptivecards.min.js", /javascript/],
  ])("serves %s", async (path, type) => {
    const res = await fetch(`${s.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(type);
    expect((await res.text()).length).toBeGreaterThan(100);
  });

  it("offers example questions", async () => {
    const info = (await (await fetch(`${s.url}/playground/api/info`)).json()) as PlaygroundInfo;
    expect(info.examples.length).toBeGreaterThanOrEqual(3);
    expect(info.surfaces.teams).toMatch(/local/);
  });
});

describe("playground API", () => {
  it("answers with the exact Adaptive Card Teams sends and the Block Kit Slack sends, for the same reply", async () => {
    const question = "who handles RDS patching?";
    const out = await post("ask", { text: question, user: USER });
    expect(out.replies).toHaveLength(1);
    const [reply] = out.replies;
    expect(reply?.kind).toBe("answer");
    expect(reply?.card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(reply?.card.fallbackText).toMatch(/^\[AWS\]/);

    // Same code path: respond() then the renderers, in-process, give the same JSON the server sent.
    const engine = createEngine(loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir }));
    const [local] = await respond(
      { text: question },
      {
        engine,
        channel: { platform: "playground", workspace: "local", channel: "x" },
        actor: { user: "x", isAdmin: false },
      },
    );
    if (!local) throw new Error("no reply");
    expect(reply?.card).toEqual(
      JSON.parse(JSON.stringify(renderAdaptive(local, { tip: PLAYGROUND_TIP }).card)),
    );
    const blockKit = renderBlockKit(local);
    expect(reply?.blockKit).toEqual(
      JSON.parse(JSON.stringify({ text: blockKit.text, blocks: blockKit.blocks })),
    );
  });

  it("runs a practice quiz: a question, an answer that counts once, then 'already answered'", async () => {
    const quiz = await post("action", { action: { a: "quiz_new" }, user: USER });
    expect(quiz.replies[0]?.kind).toBe("quiz");
    const buttons = (quiz.replies[0]?.card.actions ?? []) as Array<{ data?: { a: string; quiz?: string } }>;
    const answer = buttons.find((b) => b.data?.a === "quiz_answer")?.data;
    expect(answer?.quiz).toBeTruthy();

    const first = await post("action", { action: answer, user: USER });
    expect(first.replies[0]?.kind).toBe("quiz_outcome");
    const again = await post("action", { action: answer, user: USER });
    expect(again.replies[0]?.kind).toBe("quiz_outcome");
    expect(JSON.stringify(again.replies[0]?.card)).toMatch(/already/i);
  });

  it("records feedback from a card button", async () => {
    const out = await post("action", {
      action: { a: "feedback", target: "who_owns", q: "who handles RDS patching?", helpful: true },
      user: USER,
    });
    expect(out.replies[0]?.kind).toBe("feedback");
  });

  it("counts one vote per person and answer: a second vote, either way, is refused", async () => {
    const voter = "pgvoter_0123456789";
    const vote = (helpful: boolean, user = voter) =>
      post("action", {
        action: { a: "feedback", target: "rds-engine-patching", q: "who handles RDS patching?", helpful },
        user,
      });
    const first = await vote(true);
    const firstCard = JSON.stringify(first.replies[0]?.card);
    expect(firstCard).toContain("Marked helpful");
    // The redrawn card carries no vote buttons, so it can replace the one voted on.
    expect(firstCard).not.toMatch(/"a":"feedback"/);
    for (const helpful of [true, false]) {
      const again = await vote(helpful);
      expect(again.replies[0]?.kind).toBe("feedback");
      expect(JSON.stringify(again.replies[0]?.card)).toContain("You already rated this answer");
      expect(JSON.stringify(again.replies[0]?.blockKit)).toContain("You already rated this answer");
    }
    // Another person's vote on the same answer counts.
    const other = await vote(false, "pgvoter_other_0001");
    expect(JSON.stringify(other.replies[0]?.card)).toContain("Marked not helpful");
  });

  it("points channel-only quiz commands to Slack and Teams", async () => {
    const out = await post("ask", { text: "quiz daily 09:00", user: USER });
    expect(out.replies[0]?.kind).toBe("notice");
    expect(out.replies[0]?.summary).toMatch(/Slack and Teams/);
  });

  it("answers hostile and empty text with a card, never an error", async () => {
    for (const text of ["", "<script>alert(1)</script> <!channel>", "🙂".repeat(500), "\u0000\u001b[31m"]) {
      const out = await post("ask", { text, user: USER });
      expect(out.replies.length).toBeGreaterThan(0);
      expect(JSON.stringify(out)).not.toContain("<script>");
    }
  });
});
