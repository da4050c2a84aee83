// The Slack app end to end: signed requests in, what it posted to the (fake) Slack Web API out.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCardAction } from "../../src/conversation/actions.js";
import { renderBlockKit } from "../../src/render/blockkit.js";
import { BOT_TOKEN, buttonsOf, type Harness, SIGNING_SECRET, startHarness, textOf } from "./harness.js";
import { checkMessage } from "./limits.js";
import { appMention, directMessage, slackSignature, slashCommand } from "./payloads.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const blocksOf = (args: Record<string, unknown>) => args.blocks as Array<Record<string, unknown>>;

describe("mentions and DMs", () => {
  it("answers a mention in the thread of the mention, with the owner at a glance", async () => {
    const ev = appMention("<@U0BOT> who handles RDS patching?", { channel: "C0MENTION" });
    const res = await h.event(ev);
    expect(res.status).toBe(200);
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0MENTION",
    );
    expect(call.token).toBe("xoxb-0000000000-test-token");
    expect(call.args.thread_ts).toBe(ev.ts);
    expect(call.args.link_names).toBeUndefined();
    const blocks = blocksOf(call.args);
    expect(textOf(blocks)).toContain(":large_orange_square: AWS owns this");
    expect(String(call.args.text)).toMatch(/^\[AWS\] /);
    expect(checkMessage(call.args)).toEqual([]);
  });

  it("answers in a thread the mention was already in", async () => {
    const ev = appMention("<@U0BOT> is encrypting data in transit my job?", {
      channel: "C0THREAD",
      threadTs: "1699999999.000001",
    });
    await h.event(ev);
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0THREAD",
    );
    expect(call.args.thread_ts).toBe("1699999999.000001");
    expect(textOf(blocksOf(call.args))).toContain("You (the customer) own this");
  });

  it("answers a direct message in the DM, not in a thread", async () => {
    await h.event(directMessage("what am I responsible for with Lambda?", { channel: "D0DMLAMBDA" }));
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "D0DMLAMBDA",
    );
    expect(call.args.thread_ts).toBeUndefined();
    expect(textOf(blocksOf(call.args))).toContain("AWS Lambda");
  });

  it("ignores bot messages, edits and its own posts in DMs", async () => {
    const before = h.fake.callsOf("chat.postMessage").length;
    await h.event(directMessage("who patches ec2?", { channel: "D0QUIET", extra: { bot_id: "B0OTHER" } }));
    await h.event(
      directMessage("who patches ec2?", { channel: "D0QUIET", extra: { subtype: "message_changed" } }),
    );
    // A marker DM afterwards: once it is answered, the two above were processed and skipped.
    await h.event(directMessage("who patches ec2?", { channel: "D0MARKER" }));
    await h.fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "D0MARKER");
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "D0QUIET")).toHaveLength(0);
    expect(h.fake.callsOf("chat.postMessage").length).toBe(before + 1);
  });

  it("escapes <!channel> and mentions typed into a question", async () => {
    // Slack delivers literal "<" ">" typed by a user as &lt; &gt;; a real @channel arrives as <!channel>.
    await h.event(
      directMessage("&lt;!channel&gt; &lt;@U0EVE&gt; <!here> blorp 1 &lt; 2 &amp;&amp; 3 &gt; 2 qqx", {
        channel: "D0ESCAPE",
      }),
    );
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "D0ESCAPE",
    );
    const raw = JSON.stringify(call.args);
    expect(raw).not.toMatch(/<!channel>|<!here>|<@U0EVE>|<!everyone>/);
    // The mention markup is dropped; what is echoed back is escaped.
    expect(textOf(blocksOf(call.args))).toContain("blorp 1 &lt; 2 &amp;&amp; 3 &gt; 2 qqx");
    expect(checkMessage(call.args)).toEqual([]);
    expect(call.args.link_names).toBeUndefined();
  });

  it("answers a 10,000-character question inside Block Kit's limits", async () => {
    const long = `who patches the guest os on ec2 ${"and also <b>this</b> & that ".repeat(400)}`.slice(
      0,
      10_000,
    );
    expect(long.length).toBe(10_000);
    await h.event(directMessage(long, { channel: "D0LONG" }));
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "D0LONG",
    );
    expect(checkMessage(call.args)).toEqual([]);
    for (const b of buttonsOf(call.args.blocks)) expect(parseCardAction(b.value)).not.toBeNull();
  });

  it("records a question it could not answer, without the user", async () => {
    await h.event(
      directMessage("what is the airspeed velocity of an unladen swallow", { channel: "D0SWALLOW" }),
    );
    await h.fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "D0SWALLOW");
    const top = await h.store.topUnanswered("slack", 50);
    expect(top.map((t) => t.question).join("\n")).toMatch(/swallow/);
  });
});

describe("retries and request verification", () => {
  it("answers an event retried by Slack once", async () => {
    const ev = appMention("<@U0BOT> who patches the hypervisor?", { channel: "C0RETRY" });
    const first = await h.event(ev, { eventId: "Ev0RETRY1" });
    expect(first.status).toBe(200);
    await h.fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "C0RETRY");
    const retry = await h.event(ev, { eventId: "Ev0RETRY1", retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.waitForLog((l) => l.msg === "repeated Slack event skipped" && l.eventId === "Ev0RETRY1");
    const again = await h.event(ev, { eventId: "Ev0RETRY1", retryNum: 2 });
    expect(again.status).toBe(200);
    await h.waitForLog((l) => l.msg === "repeated Slack event skipped" && l.retryNum === 2);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0RETRY")).toHaveLength(1);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, (body: string) => { timestamp?: number; signature?: string | null }]> = [
    ["missing signature", () => ({ signature: null })],
    [
      "bad signature",
      () => ({ signature: "v0=0000000000000000000000000000000000000000000000000000000000000000" }),
    ],
    [
      "signature with the wrong secret",
      (body) => ({ signature: slackSignature("not-the-secret", now(), body) }),
    ],
    [
      "stale timestamp (> 5 minutes)",
      (body) => {
        const old = now() - 6 * 60;
        return { timestamp: old, signature: slackSignature(SIGNING_SECRET, old, body) };
      },
    ],
    [
      "timestamp from the future (> 5 minutes)",
      (body) => {
        const ahead = now() + 6 * 60;
        return { timestamp: ahead, signature: slackSignature(SIGNING_SECRET, ahead, body) };
      },
    ],
    [
      "signature of another version",
      (body) => ({ signature: slackSignature(SIGNING_SECRET, now(), body).replace(/^v0=/, "v1=") }),
    ],
    [
      "signature for another body",
      () => ({ signature: slackSignature(SIGNING_SECRET, now(), "payload=other") }),
    ],
  ];

  it.each(cases)("%s: 401 and nothing runs", async (_name, forge) => {
    const before = h.fake.calls.length;
    const beforeResponses = h.fake.responses.length;
    const rid = `forged-${_name.replace(/\W+/g, "-")}`;
    const body = slashCommand("who patches rds?", h.fake.responseUrl(rid), { channel: "C0FORGED" });
    const res = await h.post(body, "application/x-www-form-urlencoded", forge(body));
    expect(res.status).toBe(401);
    const ev = JSON.stringify({
      type: "event_callback",
      event_id: `Ev-${rid}`,
      team_id: "T0TEAM",
      event: appMention("<@U0BOT> hi", { channel: "C0FORGED" }),
    });
    const res2 = await h.post(ev, "application/json", forge(ev));
    expect(res2.status).toBe(401);
    // A signed request afterwards is answered: by then anything the forged ones started would be visible.
    const ok = await h.command("help", { channel: "C0AFTERFORGED" });
    await h.fake.waitForResponse((r) => r.id === ok.rid);
    expect(h.fake.calls.slice(before).filter((c) => c.args.channel === "C0FORGED")).toHaveLength(0);
    expect(h.fake.responses.slice(beforeResponses).filter((r) => r.id === rid)).toHaveLength(0);
    expect(h.fake.calls.slice(before).filter((c) => c.method !== "auth.test")).toHaveLength(0);
  });
});

describe("/srm", () => {
  const table: Array<[string, (text: string) => void]> = [
    ["", (t) => expect(t).toContain("/srm service ‹name›")],
    ["help", (t) => expect(t).toContain("*Commands*")],
    ["service lambda", (t) => expect(t).toContain("AWS Lambda: who owns what")],
    ["model serverless", (t) => expect(t).toMatch(/serverless/i)],
    ["model", (t) => expect(t).toContain("Service models")],
    ["compare patching", (t) => expect(t).toContain("Patching across services")],
    ["who handles RDS patching?", (t) => expect(t).toContain(":large_orange_square: AWS owns this")],
    ["frobnicate the quantum widget", (t) => expect(t).toContain(":thinking_face:")],
    ["quiz", (t) => expect(t).toContain("quiz isn't available")],
    ["quiz daily 10:00", (t) => expect(t).toContain("quiz isn't available")],
    ["quiz stop", (t) => expect(t).toContain("quiz isn't available")],
    ["quiz status", (t) => expect(t).toContain("quiz isn't available")],
    ["quiz now", (t) => expect(t).toContain("quiz isn't available")],
    ["quiz reveal", (t) => expect(t).toContain("quiz isn't available")],
    ["leaderboard", (t) => expect(t).toContain("quiz isn't available")],
    ["leaderboard week", (t) => expect(t).toContain("quiz isn't available")],
  ];

  it.each(table)("/srm %s answers ephemerally", async (text, check) => {
    const { res, rid } = await h.command(text);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const r = await h.fake.waitForResponse((x) => x.id === rid);
    expect(r.body.response_type).toBe("ephemeral");
    check(textOf(r.body.blocks));
    expect(checkMessage(r.body)).toEqual([]);
  });

  it("unknown subcommands are questions, and answers carry a Share button", async () => {
    const { rid } = await h.command("patching ec2 guest os");
    const r = await h.fake.waitForResponse((x) => x.id === rid);
    const share = buttonsOf(r.body.blocks).find((b) => parseCardAction(b.value)?.a === "share");
    expect(share?.text).toContain("Share in channel");
    expect(textOf(r.body.blocks)).toContain(":large_blue_square: You (the customer) own this");
  });

  it("acknowledges before the slow part is done", async () => {
    const rid = "held-response";
    const release = h.fake.hold(rid);
    const res = await h.post(
      slashCommand("who patches lambda runtimes?", h.fake.responseUrl(rid)),
      "application/x-www-form-urlencoded",
    );
    // The ack came back while the answer is still waiting on the (held) response_url.
    expect(res.status).toBe(200);
    expect(h.fake.responsesTo(rid)).toHaveLength(0);
    release();
    await h.fake.waitForResponse((x) => x.id === rid);
  });
});

describe("buttons", () => {
  it("Share in channel posts the same answer visibly and removes the private copy", async () => {
    const { rid } = await h.command("who handles RDS patching?", { channel: "C0SHARE" });
    const eph = await h.fake.waitForResponse((x) => x.id === rid);
    const share = buttonsOf(eph.body.blocks).find((b) => parseCardAction(b.value)?.a === "share");
    expect(share).toBeDefined();
    const click = await h.click(
      { value: share?.value ?? "", actionId: share?.action_id ?? "" },
      { type: "message", channel: "C0SHARE", ts: "1700000000.000900", ephemeral: true },
    );
    expect(click.res.status).toBe(200);
    const posted = await h.fake.waitForResponse(
      (x) => x.id === click.rid && x.body.response_type === "in_channel",
    );
    expect(textOf(posted.body.blocks)).toContain(":large_orange_square: AWS owns this");
    expect(textOf(posted.body.blocks)).toContain("Shared by <@U0ALICE>");
    expect(buttonsOf(posted.body.blocks).some((b) => parseCardAction(b.value)?.a === "share")).toBe(false);
    await h.fake.waitForResponse((x) => x.id === click.rid && x.body.delete_original === true);
  });

  it("a suggestion button answers in place (channel message: chat.update)", async () => {
    await h.event(appMention("<@U0BOT> rds things maybe", { channel: "C0SUGGEST" }));
    const post = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "C0SUGGEST",
    );
    const ask = buttonsOf(post.args.blocks).find((b) => parseCardAction(b.value)?.a === "ask");
    expect(ask, textOf(post.args.blocks)).toBeDefined();
    expect(textOf(post.args.blocks)).toContain("*Did you mean*");
    const q = (parseCardAction(ask?.value) as { q: string }).q;
    await h.click(
      { value: ask?.value ?? "", actionId: ask?.action_id ?? "" },
      { type: "message", channel: "C0SUGGEST", ts: "1700000123.000100", ephemeral: false },
    );
    const update = await h.fake.waitForCall(
      (c) => c.method === "chat.update" && c.args.channel === "C0SUGGEST",
    );
    expect(update.args.ts).toBe("1700000123.000100");
    expect(update.args.text).toBe(renderBlockKit(h.engine.resolve(q)).text);
    expect(textOf(update.args.blocks)).not.toContain(":thinking_face:");
    expect(textOf(update.args.blocks)).toContain(q);
    expect(checkMessage(update.args)).toEqual([]);
  });

  it("a related-question button on an ephemeral answer replaces it through response_url", async () => {
    const { rid } = await h.command("who handles RDS patching?");
    const eph = await h.fake.waitForResponse((x) => x.id === rid);
    const related = buttonsOf(eph.body.blocks).filter((b) => parseCardAction(b.value)?.a === "ask");
    expect(related.length).toBeGreaterThan(0);
    const b = related[0];
    const click = await h.click(
      { value: b?.value ?? "", actionId: b?.action_id ?? "" },
      { type: "message", channel: "C0GENERAL", ts: "1700000000.000901", ephemeral: true },
    );
    const r = await h.fake.waitForResponse((x) => x.id === click.rid);
    expect(r.body.replace_original).toBe(true);
    expect(buttonsOf(r.body.blocks).some((x) => parseCardAction(x.value)?.a === "share")).toBe(true);
  });

  it("helpful / not helpful is recorded in the store and thanked", async () => {
    await h.event(directMessage("who patches the guest os on ec2?", { channel: "D0FEEDBACK" }));
    const post = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "D0FEEDBACK",
    );
    const notHelpful = buttonsOf(post.args.blocks).find((b) => {
      const a = parseCardAction(b.value);
      return a?.a === "feedback" && !a.helpful;
    });
    expect(notHelpful).toBeDefined();
    const target = (parseCardAction(notHelpful?.value) as { target: string }).target;
    await h.click(
      { value: notHelpful?.value ?? "", actionId: notHelpful?.action_id ?? "" },
      {
        type: "message",
        channel: "D0FEEDBACK",
        ts: String(post.args.ts ?? "1700000000.000500"),
        ephemeral: false,
      },
    );
    // In a DM the card is the voter's own: it is redrawn with a thank-you instead of the buttons.
    const update = await h.fake.waitForCall(
      (c) => c.method === "chat.update" && c.args.channel === "D0FEEDBACK",
    );
    expect(textOf(update.args.blocks)).toContain("Thanks for the feedback");
    expect(buttonsOf(update.args.blocks).some((b) => parseCardAction(b.value)?.a === "feedback")).toBe(false);
    const unhelpful = await h.store.topUnhelpful("slack", 50);
    expect(unhelpful.find((u) => u.target === target)?.count).toBe(1);
  });

  it("a vote on a channel card is thanked privately and leaves the card alone", async () => {
    const value = JSON.stringify({
      a: "feedback",
      target: "rds-os-patching",
      q: "who patches rds",
      helpful: true,
    });
    const updates = h.fake.callsOf("chat.update").length;
    const click = await h.click(
      { value, actionId: "srm:feedback:9" },
      { type: "message", channel: "C0VOTE", ts: "1700000000.000777", ephemeral: false },
    );
    const r = await h.fake.waitForResponse((x) => x.id === click.rid);
    expect(r.body.response_type).toBe("ephemeral");
    expect(r.body.replace_original).toBe(false);
    expect(String(r.body.text)).toContain("Thanks for the feedback");
    expect(h.fake.callsOf("chat.update").length).toBe(updates);
  });

  it("forged button values are refused without touching the store", async () => {
    const before = await h.store.topUnhelpful("slack", 100);
    const forged = [
      "not json",
      JSON.stringify({ a: "feedback", target: "no-such-entry", q: "x", helpful: false }),
      JSON.stringify({ a: "drop_tables" }),
      JSON.stringify({ a: "ask", q: "" }),
    ];
    for (const value of forged) {
      const click = await h.click(
        { value, actionId: "srm:ask:1" },
        { type: "message", channel: "C0FORGE", ts: "1700000000.000111", ephemeral: false },
      );
      expect(click.res.status).toBe(200);
      const r = await h.fake.waitForResponse((x) => x.id === click.rid);
      expect(r.body.response_type).toBe("ephemeral");
      expect(String(r.body.text)).toMatch(/Sorry/);
    }
    expect(await h.store.topUnhelpful("slack", 100)).toEqual(before);
  });
});

describe("App Home", () => {
  it("publishes what the bot does, examples and the user's quiz state", async () => {
    h.fake.addUser({ id: "U0BOB", name: "bob" });
    await h.openHome("U0BOB");
    const call = await h.fake.waitForCall((c) => c.method === "views.publish" && c.args.user_id === "U0BOB");
    const view = call.args.view as { type: string; blocks: unknown[]; private_metadata: string };
    expect(view.type).toBe("home");
    const text = textOf(view.blocks);
    expect(text).toContain("Shared Responsibility Model");
    expect(text).toContain("quiz isn't available");
    expect(text).not.toContain("Improve the knowledge base");
    expect(JSON.parse(view.private_metadata)).toEqual({ dm: "D0ALICE" });
    expect(
      buttonsOf(view.blocks).filter((b) => parseCardAction(b.value)?.a === "ask").length,
    ).toBeGreaterThan(2);
  });

  it("shows admins the unanswered and not-helpful questions, escaped", async () => {
    h.fake.addUser({ id: "U0ADMIN", name: "ada", is_admin: true });
    await h.event(directMessage("zzqx &lt;!here&gt; florbs", { channel: "D0ADMINQ" }));
    await h.fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "D0ADMINQ");
    await h.openHome("U0ADMIN");
    const call = await h.fake.waitForCall(
      (c) => c.method === "views.publish" && c.args.user_id === "U0ADMIN",
    );
    const view = call.args.view as { blocks: unknown[] };
    const text = textOf(view.blocks);
    expect(text).toContain("Improve the knowledge base");
    expect(text).toContain("florbs");
    expect(JSON.stringify(view)).not.toContain("<!here>");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it("a button on the Home tab answers in the user's DM", async () => {
    const value = JSON.stringify({ a: "ask", q: "Who handles RDS patching?" });
    await h.click(
      { value, actionId: "srm:ask:1" },
      { type: "view", viewId: "V0HOME", privateMetadata: JSON.stringify({ dm: "D0HOMEDM" }) },
      { user: "U0BOB" },
    );
    const call = await h.fake.waitForCall(
      (c) => c.method === "chat.postMessage" && c.args.channel === "D0HOMEDM",
    );
    expect(textOf(call.args.blocks)).toContain("AWS owns this");
  });
});

describe("Web API failures", () => {
  it("a failed post is logged, the user is told, and the app keeps answering", async () => {
    h.fake.fail("chat.postMessage", "fatal_error");
    await h.event(appMention("<@U0BOT> who patches rds?", { channel: "C0BROKEN" }));
    const told = await h.fake.waitForCall(
      (c) => c.method === "chat.postEphemeral" && c.args.channel === "C0BROKEN",
    );
    expect(told.args.user).toBe("U0ALICE");
    expect(String(told.args.text)).toMatch(/Sorry/);
    expect(String(told.args.text)).not.toMatch(/at .*\.js|Error:/);
    const log = await h.waitForLog((l) => l.msg === "could not post a Slack reply");
    expect(log.level).toBe(50);
    expect(JSON.stringify(log)).not.toContain("xoxb-");
    await h.event(appMention("<@U0BOT> who patches rds?", { channel: "C0AFTER" }));
    await h.fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "C0AFTER");
  });

  it("a response_url that fails falls back to chat.postEphemeral", async () => {
    // An HTTP 500 from the Web API too (not just ok:false): still no crash, still a friendly line.
    h.fake.fail("chat.postEphemeral", "internal_error", 1, 500);
    const body = slashCommand("who patches rds?", `${h.fake.url}/nowhere`, { channel: "C0NOURL" });
    const res = await h.post(body, "application/x-www-form-urlencoded");
    expect(res.status).toBe(200);
    const calls = await Promise.all([
      h.fake.waitForCall(
        (c) =>
          c.method === "chat.postEphemeral" && c.args.channel === "C0NOURL" && Array.isArray(c.args.blocks),
      ),
      h.fake.waitForCall(
        (c) =>
          c.method === "chat.postEphemeral" && c.args.channel === "C0NOURL" && c.args.blocks === undefined,
      ),
    ]);
    expect(String(calls[1].args.text)).toMatch(/Sorry/);
  });
});

describe("logs", () => {
  it("never contain the bot token or the signing secret (after everything above)", () => {
    const all = h.logs.map((l) => JSON.stringify(l)).join("\n");
    expect(h.logs.length).toBeGreaterThan(0);
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
