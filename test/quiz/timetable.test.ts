// The fan-out timetable every replica computes alike: one workspace's channels due at one instant are
// spaced by what its budget allows (two messages a slot), in channel order; workspaces run side by side.

import { describe, expect, it } from "vitest";
import { timetable } from "../../src/quiz/scheduler.js";
import type { Subscription } from "../../src/store/types.js";

const at = Date.parse("2026-01-05T08:00:00Z");
const due = (workspace: string, channel: string, platform: "slack" | "teams" = "slack") => ({
  sub: {
    platform,
    workspace,
    channel,
    time: "09:00",
    timezone: "Europe/Paris",
    days: "daily",
    createdBy: "U",
    paused: false,
  } satisfies Subscription,
  slotDate: "2026-01-05",
  at,
});

describe("timetable", () => {
  it("spaces one workspace's channels by two messages of its budget, in channel order", () => {
    const t = timetable([due("T1", "C3"), due("T1", "C1"), due("T1", "C2"), due("T2", "C9")], (p) =>
      p === "slack" ? { perWorkspacePerMinute: 300, perChannelGapMs: 1000 } : undefined,
    );
    expect(t.map((d) => `${d.sub.workspace}/${d.sub.channel}+${d.releaseAt - at}`)).toEqual([
      "T1/C1+0",
      "T2/C9+0",
      "T1/C2+400",
      "T1/C3+800",
    ]);
  });

  it("releases everything at once for a platform without a pace, and is the same whatever the input order", () => {
    const input = [due("x", "b", "teams"), due("x", "a", "teams")];
    expect(timetable(input, () => undefined).map((d) => d.releaseAt - at)).toEqual([0, 0]);
    const pace = () => ({ perWorkspacePerMinute: 60, perChannelGapMs: 0 });
    const a = timetable(input, pace).map((d) => `${d.sub.channel}${d.releaseAt}`);
    const b = timetable([...input].reverse(), pace).map((d) => `${d.sub.channel}${d.releaseAt}`);
    expect(a).toEqual(b);
  });
});
