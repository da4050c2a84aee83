// What commands did, said the same way on Slack and Teams, with what the person typed escaped.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import { answerFor, parseCommand } from "../../src/conversation/commands.js";
import { respond } from "../../src/conversation/respond.js";
import { COMMANDS } from "../../src/engine/answer-words.js";
import { projectRoot } from "../../src/knowledge/paths.js";
import { renderAdaptiveCard } from "../../src/render/adaptive.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { renderText } from "../../src/render/text.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { cardActions, cardTexts, engine } from "../teams/harness.js";

const ctx = {
  engine,
  channel: { platform: "playground" as const, workspace: "w", channel: "c" },
  actor: { user: "u1", userName: "U", isAdmin: false },
};

describe("compare", () => {
  it("five services: every one a row and a button, on both surfaces", () => {
    const a = answerFor(engine, "compare patching ec2 rds lambda eks fargate");
    const slack = renderBlockKit(a);
    const teams = renderAdaptiveCard(a);
    for (const name of ["Amazon EKS", "AWS Fargate"]) {
      expect(textOf(slack.blocks)).toContain(name);
      expect(cardTexts(teams).join("\n")).toContain(name);
    }
    const slackAsks = buttonsOf(slack.blocks).filter((b) => parseCardAction(b.value)?.a === "ask");
    const teamsAsks = cardActions(teams).filter((x) => x.type === "Action.Submit" && x.data.a === "ask");
    expect(slackAsks.length).toBe(5);
    // Each row is also clickable (selectAction): five rows, five buttons.
    expect(teamsAsks.length).toBe(10);
  });

  it("`compare` alone, through respond: the card says which services it chose", async () => {
    const [reply] = await respond({ text: "compare" }, ctx);
    if (reply?.kind !== "answer") throw new Error("no answer");
    const note = "Patching across Amazon EC2, Amazon RDS and AWS Lambda, one of each service model";
    expect(textOf(renderBlockKit(reply.answer).blocks)).toContain(note);
    expect(cardTexts(renderAdaptiveCard(reply.answer)).join("\n")).toContain(note);
  });

  it("too many services: the left-out ones are named on both surfaces", () => {
    const a = answerFor(
      engine,
      "compare patching ec2 rds lambda eks fargate s3 dynamodb ecs aurora elasticache",
    );
    const left = "Left out: Amazon Aurora and Amazon ElastiCache";
    expect(textOf(renderBlockKit(a).blocks)).toContain(left);
    expect(cardTexts(renderAdaptiveCard(a)).join("\n")).toContain(left);
  });
});

describe("unknown names, said back as typed and escaped", () => {
  it("model", async () => {
    const [reply] = await respond({ text: "model x&y *z* @here" }, ctx);
    if (reply?.kind !== "answer") throw new Error("no answer");
    expect(textOf(renderBlockKit(reply.answer).blocks)).toContain(
      "“x&amp;y *z* @\u2060here” is not a service model",
    );
    const teams = cardTexts(renderAdaptiveCard(reply.answer)).join("\n");
    expect(teams).toContain("“x&y *z* @\u2060here” is not a service model");
    expect(teams).toContain("Serverless / abstracted services");
  });

  it("service", async () => {
    const [reply] = await respond({ text: "service foo <b>x</b>" }, ctx);
    if (reply?.kind !== "answer") throw new Error("no answer");
    const slack = textOf(renderBlockKit(reply.answer).blocks);
    expect(slack).toMatch(/There is no service called “foo/);
    expect(slack).not.toContain("<b>");
    const teams = renderAdaptiveCard(reply.answer);
    expect(cardTexts(teams).join("\n")).toMatch(/There is no service called “foo/);
    const asks = cardActions(teams).map((x) => String(x.data.q));
    expect(asks.length).toBeGreaterThan(0);
    for (const q of asks) expect(q).toMatch(/^What am I responsible for with (Amazon|AWS) /);
  });
});

describe("out of scope: one kind of reply on every surface", () => {
  const questions = [
    "what is the weather in Paris",
    "how do I configure an s3 bucket policy",
    "who patches the vms in azure",
  ];
  const shape = (q: string) => {
    const a = engine.resolve(q);
    expect(a.detail).toMatchObject({ kind: "fallback", reason: "out_of_scope" });
    return renderBlockKit(a).blocks.map((b) => b.type);
  };
  it.each(questions)("%j: the headline, what was asked and what to ask instead", (q) => {
    const a = engine.resolve(q);
    const slack = textOf(renderBlockKit(a).blocks);
    const teams = cardTexts(renderAdaptiveCard(a)).join("\n");
    for (const text of [slack, teams]) expect(text).toContain("You could ask");
    expect(slack).toContain(":thinking_face:");
    expect(teams).toContain("🤔");
    expect(renderText(a)).toContain("You could ask:");
    expect(shape(q)).toEqual(shape(questions[0] as string));
  });
});

describe("the README's commands are the help card's", () => {
  const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
  it.each(COMMANDS.map((c) => c.command))("%s", (command) => {
    // The help card writes <…> as ‹…› (some surfaces read angle brackets as mark-up).
    expect(readme).toContain(command.replace(/‹/g, "<").replace(/›/g, ">"));
    expect(renderText(engine.resolve("help"))).toContain(command.replace(/</g, "‹").replace(/>/g, "›"));
    const parsed = parseCommand(command.replace(/<[^>]*>/g, "lambda"));
    // A comparison is a question the engine reads (with a default when nothing is named).
    if (!["<question>", "compare [topic] [services]"].includes(command))
      expect(parsed.kind).not.toBe("question");
  });
});
