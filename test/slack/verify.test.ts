import { describe, expect, it } from "vitest";
import { MAX_CLOCK_SKEW_S, verifySlackRequest } from "../../src/slack/verify.js";
import { slackSignature } from "./payloads.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = 1_700_000_000;
const BODY = "token=x&team_id=T1&command=%2Fsrm&text=who+patches+rds%3F";
const signed = (ts: number, body = BODY, secret = SECRET) => ({
  signature: slackSignature(secret, ts, body),
  timestamp: String(ts),
});

describe("verifySlackRequest", () => {
  it.each<[string, { signature?: string; timestamp?: string }, string | null]>([
    ["a correct signature", signed(NOW), null],
    ["signed at the edge of the window", signed(NOW - MAX_CLOCK_SKEW_S), null],
    ["no signature", { timestamp: String(NOW) }, "signature headers missing"],
    ["no timestamp", { signature: signed(NOW).signature }, "signature headers missing"],
    ["a timestamp that is not a number", { ...signed(NOW), timestamp: "17e8" }, "timestamp invalid"],
    ["signed six minutes ago", signed(NOW - 360), "timestamp outside the 5-minute window"],
    ["signed six minutes ahead", signed(NOW + 360), "timestamp outside the 5-minute window"],
    [
      "a signature that is not hex",
      { ...signed(NOW), signature: `v0=${"z".repeat(64)}` },
      "signature malformed",
    ],
    ["a short signature", { ...signed(NOW), signature: "v0=abcd" }, "signature malformed"],
    [
      "another scheme",
      { ...signed(NOW), signature: signed(NOW).signature.replace("v0=", "v1=") },
      "signature malformed",
    ],
    ["another secret", signed(NOW, BODY, "not-the-secret"), "signature mismatch"],
    ["another body", signed(NOW, `${BODY}&x=1`), "signature mismatch"],
    [
      "the timestamp changed after signing",
      { ...signed(NOW), timestamp: String(NOW - 1) },
      "signature mismatch",
    ],
  ])("%s", (_name, headers, reason) => {
    const verdict = verifySlackRequest(SECRET, Buffer.from(BODY), headers, NOW);
    expect(verdict).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });

  it("checks the exact bytes, including non-ASCII ones", () => {
    const body = "text=%E2%9C%93+caf%C3%A9&raw=✓";
    expect(verifySlackRequest(SECRET, Buffer.from(body), signed(NOW, body), NOW)).toEqual({ ok: true });
    expect(verifySlackRequest(SECRET, Buffer.from(body, "latin1"), signed(NOW, body), NOW).ok).toBe(false);
  });
});
