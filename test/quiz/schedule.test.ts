import { describe, expect, it } from "vitest";
import {
  describeSlot,
  dueSlots,
  nextSlot,
  parseSchedule,
  SubscriptionListError,
  subscriptionsFromEnv,
} from "../../src/quiz/schedule.js";
import { canonicalTimeZone, localParts, zonedInstant } from "../../src/quiz/zoned-time.js";

describe("zonedInstant", () => {
  it.each([
    ["2026-01-05", "09:00", "Europe/Paris", "2026-01-05T08:00:00.000Z"],
    ["2026-07-06", "09:00", "Europe/Paris", "2026-07-06T07:00:00.000Z"],
    ["2026-01-05", "09:00", "America/New_York", "2026-01-05T14:00:00.000Z"],
    ["2026-07-06", "09:00", "America/New_York", "2026-07-06T13:00:00.000Z"],
    ["2026-01-05", "09:00", "Asia/Kolkata", "2026-01-05T03:30:00.000Z"],
    ["2026-01-05", "00:00", "Pacific/Auckland", "2026-01-04T11:00:00.000Z"],
    ["2026-01-05", "23:59", "UTC", "2026-01-05T23:59:00.000Z"],
    // Spring forward: 02:30 never happens, so the slot is at 03:30 local, the same instant as 02:30 standard.
    ["2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00.000Z"],
    ["2026-03-29", "02:30", "Europe/Paris", "2026-03-29T01:30:00.000Z"],
    // Fall back: 02:30 happens twice; the first one (still summer time) is used.
    ["2026-10-25", "02:30", "Europe/Paris", "2026-10-25T00:30:00.000Z"],
    ["2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
  ])("%s %s in %s is %s", (date, time, tz, expected) => {
    expect(zonedInstant(date, time, tz).toISOString()).toBe(expected);
  });

  it("reads local dates and canonical zone names", () => {
    expect(localParts(new Date("2026-01-04T23:30:00Z"), "Europe/Paris")).toEqual({
      date: "2026-01-05",
      hour: 0,
      minute: 30,
    });
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("america/argentina/buenos_aires")).toBe("America/Argentina/Buenos_Aires");
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });
});

describe("parseSchedule", () => {
  const ok = (time: string, timezone: string, days: "weekdays" | "daily") => ({
    ok: true,
    time,
    timezone,
    days,
  });
  it.each<[string[], { userTimezone?: string; timezone?: string; time?: string }, object]>([
    [[], {}, ok("09:00", "UTC", "weekdays")],
    [[], { userTimezone: "Europe/Paris" }, ok("09:00", "Europe/Paris", "weekdays")],
    [[], { userTimezone: "Not/AZone", timezone: "Asia/Tokyo" }, ok("09:00", "Asia/Tokyo", "weekdays")],
    [[], { time: "08:15" }, ok("08:15", "UTC", "weekdays")],
    [["09:30"], {}, ok("09:30", "UTC", "weekdays")],
    [["9:05", "america/new_york", "daily"], {}, ok("09:05", "America/New_York", "daily")],
    [["every", "day", "17:00"], {}, ok("17:00", "UTC", "daily")],
    [["everyday"], {}, ok("09:00", "UTC", "daily")],
    [["weekdays", "at", "8am"], { userTimezone: "Europe/Berlin" }, ok("08:00", "Europe/Berlin", "weekdays")],
    [["4:30", "pm", "UTC"], {}, ok("16:30", "UTC", "weekdays")],
    [["12am"], {}, ok("00:00", "UTC", "weekdays")],
    [["9", "Asia/Kolkata"], {}, ok("09:00", "Asia/Kolkata", "weekdays")],
    [["9", "asia/kolkata"], {}, ok("09:00", "Asia/Kolkata", "weekdays")],
    [["PST"], {}, ok("09:00", "America/Los_Angeles", "weekdays")],
    [["utc"], {}, ok("09:00", "UTC", "weekdays")],
    [["09:30 Europe/Paris weekdays"], {}, ok("09:30", "Europe/Paris", "weekdays")],
  ])("%j with %j", (args, defaults, expected) => {
    expect(parseSchedule(args, defaults)).toEqual(expected);
  });

  it.each<[string[], RegExp]>([
    [["25:00"], /"25:00" is not a time of day/],
    [["9:75"], /not a time of day/],
    [["13pm"], /not a time of day/],
    [["09:00", "10:00"], /one time only/],
    [["Europe/Pariss"], /"Europe\/Pariss" is not a time zone I know/],
    [["XYZT"], /not a time zone I know/],
    [["UTC", "Europe/Paris"], /one time zone only/],
    [["weekdays", "daily"], /either weekdays or every day/],
    [["tomorrow"], /I did not understand "tomorrow"/],
    [["<@U123>*bold*"], /I did not understand "@U123bold"/],
  ])("refuses %j clearly", (args, message) => {
    const r = parseSchedule(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("dueSlots", () => {
  const paris = { time: "09:00", timezone: "Europe/Paris", days: "weekdays" as const };
  const grace = 120 * 60_000;
  const at = (iso: string) => new Date(iso);

  it("is due from the local time until the grace window ends", () => {
    expect(dueSlots(paris, at("2026-01-05T07:59:00Z"), grace)).toEqual([]);
    expect(dueSlots(paris, at("2026-01-05T08:00:00Z"), grace)).toEqual([
      { date: "2026-01-05", at: at("2026-01-05T08:00:00Z") },
    ]);
    expect(dueSlots(paris, at("2026-01-05T10:00:00Z"), grace)).toHaveLength(1);
    expect(dueSlots(paris, at("2026-01-05T10:01:00Z"), grace)).toEqual([]);
  });

  it("skips weekends for weekday schedules, not for daily ones", () => {
    expect(dueSlots(paris, at("2026-01-03T08:05:00Z"), grace)).toEqual([]);
    expect(dueSlots({ ...paris, days: "daily" }, at("2026-01-03T08:05:00Z"), grace)).toHaveLength(1);
  });

  it("never goes back before the schedule was set", () => {
    expect(
      dueSlots({ ...paris, updatedAt: at("2026-01-05T08:10:00Z") }, at("2026-01-05T08:20:00Z"), grace),
    ).toEqual([]);
    expect(
      dueSlots({ ...paris, updatedAt: at("2026-01-05T07:10:00Z") }, at("2026-01-05T08:20:00Z"), grace),
    ).toHaveLength(1);
  });

  it("finds yesterday's late-evening slot just after midnight", () => {
    const late = { time: "23:30", timezone: "UTC", days: "daily" as const };
    expect(dueSlots(late, at("2026-01-06T00:15:00Z"), grace)).toEqual([
      { date: "2026-01-05", at: at("2026-01-05T23:30:00Z") },
    ]);
  });

  it("follows the local clock across a DST change", () => {
    expect(dueSlots({ ...paris, days: "daily" }, at("2026-03-28T08:00:00Z"), 0)).toHaveLength(1);
    expect(dueSlots({ ...paris, days: "daily" }, at("2026-03-29T07:00:00Z"), 0)).toHaveLength(1);
    expect(dueSlots({ ...paris, days: "daily" }, at("2026-03-29T08:00:00Z"), 0)).toEqual([]);
  });
});

describe("nextSlot", () => {
  it("finds the next local slot and describes it", () => {
    const sub = { time: "09:30", timezone: "Europe/Paris", days: "weekdays" as const };
    const friday = nextSlot(sub, new Date("2026-01-09T09:00:00Z"));
    expect(friday.at.toISOString()).toBe("2026-01-12T08:30:00.000Z");
    expect(describeSlot(friday, sub.timezone)).toBe("Monday 12 January at 09:30 (Europe/Paris)");
    expect(nextSlot(sub, new Date("2026-01-05T07:00:00Z")).date).toBe("2026-01-05");
    expect(nextSlot(sub, new Date("2026-01-05T07:00:00Z"), "2026-01-05").date).toBe("2026-01-06");
  });
});

describe("subscriptionsFromEnv", () => {
  it("reads the compact list, including Teams ids with colons and @", () => {
    expect(
      subscriptionsFromEnv(
        "slack:T123:C456@09:30/Europe/Paris/weekdays, teams:tenant-1:19:abc@thread.tacv2@08:00/America/Argentina/Buenos_Aires/daily\nslack:T123:C789",
      ),
    ).toEqual([
      {
        platform: "slack",
        workspace: "T123",
        channel: "C456",
        time: "09:30",
        timezone: "Europe/Paris",
        days: "weekdays",
      },
      {
        platform: "teams",
        workspace: "tenant-1",
        channel: "19:abc@thread.tacv2",
        time: "08:00",
        timezone: "America/Argentina/Buenos_Aires",
        days: "daily",
      },
      {
        platform: "slack",
        workspace: "T123",
        channel: "C789",
        time: "09:00",
        timezone: "UTC",
        days: "weekdays",
      },
    ]);
    expect(subscriptionsFromEnv("slack:T1:C1@7:05/daily")).toEqual([
      { platform: "slack", workspace: "T1", channel: "C1", time: "07:05", timezone: "UTC", days: "daily" },
    ]);
    expect(subscriptionsFromEnv("")).toEqual([]);
  });

  it("reads the JSON form that config.ts validates", () => {
    expect(
      subscriptionsFromEnv(
        '[{"platform":"slack","workspace":"T1","channel":"C1","time":"10:00","timezone":"Asia/Tokyo"}]',
      ),
    ).toEqual([
      {
        platform: "slack",
        workspace: "T1",
        channel: "C1",
        time: "10:00",
        timezone: "Asia/Tokyo",
        days: "weekdays",
      },
    ]);
  });

  it("lists every bad item at once", () => {
    let error: unknown;
    try {
      subscriptionsFromEnv(
        "slack:T1:C1@25:00, irc:x:y, slack:T1:C2@09:00/Nowhere/Land, slack:T1:C3, slack:T1:C3",
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SubscriptionListError);
    const problems = (error as SubscriptionListError).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/slack:T1:C1.*not a time of day/);
    expect(problems[1]).toMatch(/unknown platform "irc"/);
    expect(problems[2]).toMatch(/Nowhere\/Land.*not a time zone/);
    expect(problems[3]).toMatch(/listed twice/);
  });
});
