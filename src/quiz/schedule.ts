import type { ChannelKey, Platform, QuizDays } from "../store/types.js";
import { addDays, canonicalTimeZone, isWeekend, localParts, weekday, zonedInstant } from "./zoned-time.js";

export interface Schedule {
  /** "HH:MM", 24-hour local time. */
  time: string;
  timezone: string;
  days: QuizDays;
}

export type ParseResult = ({ ok: true } & Schedule) | { ok: false; message: string };

export const SCHEDULE_USAGE =
  "quiz daily [HH:MM] [time zone] [weekdays|every day], e.g. quiz daily 09:30 Europe/Paris weekdays";

const DAY_WORDS: Record<string, QuizDays> = {
  weekdays: "weekdays",
  weekday: "weekdays",
  workdays: "weekdays",
  "mon-fri": "weekdays",
  daily: "daily",
  everyday: "daily",
  "every day": "daily",
};

/** Shows a bit of user input back, short and without characters chat mark-up would act on. */
function quote(token: string): string {
  const clean = token.replace(/[<>&*_~`|]/g, "").slice(0, 40);
  return `"${clean}"`;
}

function parseTime(token: string): string | null | "invalid" {
  const m = /^(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm)?$/i.exec(token);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return "invalid";
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return "invalid";
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/**
 * Reads `[HH:MM] [time zone] [weekdays|every day|daily]` in any order. Defaults: `defaults.time`
 * (09:00), the requester's time zone when the platform gives one, else `defaults.timezone` (UTC), weekdays.
 */
export function parseSchedule(
  args: readonly string[],
  defaults: { time?: string; timezone?: string; userTimezone?: string } = {},
): ParseResult {
  const tokens = args
    .join(" ")
    .split(/\s+/)
    .filter((t) => t && !/^(at|on|in)$/i.test(t));
  let time: string | undefined;
  let timezone: string | undefined;
  let days: QuizDays | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const lower = token.toLowerCase();
    const pair = `${lower} ${tokens[i + 1]?.toLowerCase() ?? ""}`;
    const dayWord = DAY_WORDS[pair] ?? DAY_WORDS[lower];
    if (dayWord) {
      if (days && days !== dayWord)
        return { ok: false, message: "Choose either weekdays or every day, not both." };
      days = dayWord;
      if (DAY_WORDS[pair]) i++;
      continue;
    }
    // "9 am" written apart.
    const glued = /^(am|pm)$/i.test(tokens[i + 1] ?? "") ? `${token}${tokens[i + 1]}` : token;
    const t = parseTime(glued);
    if (t === "invalid")
      return {
        ok: false,
        message: `${quote(glued)} is not a time of day. Use 24-hour HH:MM, e.g. 09:30 or 17:00.`,
      };
    if (t) {
      if (time) return { ok: false, message: `Give one time only (I read ${time} and ${quote(glued)}).` };
      time = t;
      if (glued !== token) i++;
      continue;
    }
    const tz = canonicalTimeZone(token);
    if (tz) {
      if (timezone)
        return { ok: false, message: `Give one time zone only (I read ${timezone} and ${quote(token)}).` };
      timezone = tz;
      continue;
    }
    if (/^\d/.test(token))
      return { ok: false, message: `${quote(token)} is not a time of day. Use 24-hour HH:MM, e.g. 09:30.` };
    if (token.includes("/") || /^[A-Z]{3,5}$/.test(token) || /^(utc|gmt)[+-]/i.test(token))
      return {
        ok: false,
        message: `${quote(token)} is not a time zone I know. Use an IANA name such as Europe/Paris, America/New_York or UTC.`,
      };
    return { ok: false, message: `I did not understand ${quote(token)}. Use: ${SCHEDULE_USAGE}.` };
  }
  const userTz = defaults.userTimezone ? canonicalTimeZone(defaults.userTimezone) : null;
  return {
    ok: true,
    time: time ?? defaults.time ?? "09:00",
    timezone: timezone ?? userTz ?? canonicalTimeZone(defaults.timezone ?? "UTC") ?? "UTC",
    days: days ?? "weekdays",
  };
}

export function runsOn(days: QuizDays, date: string): boolean {
  return days === "daily" || !isWeekend(date);
}

/** "09:30 Europe/Paris, Monday to Friday" */
export function describeSchedule(s: Schedule): string {
  return `${s.time} ${s.timezone}, ${s.days === "daily" ? "every day" : "Monday to Friday"}`;
}

export interface Slot {
  /** Local date of the slot, YYYY-MM-DD. */
  date: string;
  at: Date;
}

/**
 * Slots whose time has come and that may still be posted: at or before `now`, at most `graceMs` late, and
 * not before the schedule was set (a subscription made at 09:10 for 09:00 starts the next day).
 * Yesterday is looked at too, so a 23:30 slot missed by a restart can still go out at 00:15.
 */
export function dueSlots(sub: Schedule & { updatedAt?: Date }, now: Date, graceMs: number): Slot[] {
  const today = localParts(now, sub.timezone).date;
  const out: Slot[] = [];
  for (const date of [addDays(today, -1), today]) {
    if (!runsOn(sub.days, date)) continue;
    const at = zonedInstant(date, sub.time, sub.timezone);
    const late = now.getTime() - at.getTime();
    if (late < 0 || late > graceMs) continue;
    if (sub.updatedAt && at.getTime() < sub.updatedAt.getTime()) continue;
    out.push({ date, at });
  }
  return out;
}

/** The first slot strictly after `after` (skipping `skipDate`, e.g. one already posted). */
export function nextSlot(sub: Schedule, after: Date, skipDate?: string): Slot {
  let date = localParts(after, sub.timezone).date;
  for (let i = 0; i < 10; i++, date = addDays(date, 1)) {
    if (!runsOn(sub.days, date) || date === skipDate) continue;
    const at = zonedInstant(date, sub.time, sub.timezone);
    if (at.getTime() > after.getTime()) return { date, at };
  }
  throw new Error("no slot in the next 10 days");
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Monday 5 January at 09:30 (Europe/Paris)" — the wall-clock time the slot actually happens at. */
export function describeSlot(slot: Slot, timezone: string): string {
  const local = localParts(slot.at, timezone);
  const [, m, d] = local.date.split("-").map(Number) as [number, number, number];
  const hhmm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
  return `${WEEKDAYS[weekday(local.date)]} ${d} ${MONTHS[m - 1]} at ${hhmm} (${timezone})`;
}

// ---- subscriptions set by the operator ----

/** A subscription from configuration; same shape as config.ts's FixedSubscription. */
export interface FixedSubscriptionInput extends ChannelKey {
  time?: string;
  timezone?: string;
  days?: QuizDays;
}

export class SubscriptionListError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid quiz subscription list:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SubscriptionListError";
  }
}

const PLATFORMS: readonly Platform[] = ["slack", "teams", "playground"];

/**
 * Parses operator-configured subscriptions, either as the JSON array config.ts accepts
 * (`[{"platform":"slack","workspace":"T1","channel":"C1","time":"09:30","timezone":"Europe/Paris"}]`) or as
 * a compact list separated by commas, semicolons or new lines:
 *
 *     platform:workspace:channel[@HH:MM[/Time/Zone][/weekdays|/daily]]
 *     slack:T123:C456@09:30/Europe/Paris/weekdays, teams:<tenant id>:19:abc@thread.tacv2@08:00/UTC/daily
 *
 * The channel may contain ":" and "@" (Teams ids do); the schedule starts at the last "@" followed by a
 * time. Missing parts default to 09:00, UTC, weekdays. Throws one SubscriptionListError listing every bad item.
 */
export function subscriptionsFromEnv(
  value: string | readonly FixedSubscriptionInput[],
  defaults: { time?: string; timezone?: string } = {},
): Array<ChannelKey & Schedule> {
  const problems: string[] = [];
  // Problems found while reading an item stay in the list, so they are reported in the input's order.
  const items: Array<FixedSubscriptionInput | { problem: string }> = [];
  if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        items.push(...(JSON.parse(text) as FixedSubscriptionInput[]));
      } catch (err) {
        throw new SubscriptionListError([`not valid JSON (${(err as Error).message})`]);
      }
    } else {
      for (const raw of text
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const parsed = parseCompact(raw);
        items.push(typeof parsed === "string" ? { problem: `"${raw}": ${parsed}` } : parsed);
      }
    }
  } else items.push(...value);

  const out: Array<ChannelKey & Schedule> = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (item && "problem" in item) {
      problems.push(item.problem);
      continue;
    }
    const where = `${item?.platform}:${item?.workspace}:${item?.channel}`;
    if (!item || !PLATFORMS.includes(item.platform) || !item.workspace || !item.channel) {
      problems.push(`"${where}": needs platform (slack or teams), workspace and channel`);
      continue;
    }
    const args = [item.time, item.timezone, item.days].filter((a): a is string => Boolean(a));
    const schedule = parseSchedule(args, { time: defaults.time, timezone: defaults.timezone });
    if (!schedule.ok) {
      problems.push(`"${where}": ${schedule.message}`);
      continue;
    }
    if (seen.has(where)) {
      problems.push(`"${where}": listed twice`);
      continue;
    }
    seen.add(where);
    out.push({
      platform: item.platform,
      workspace: item.workspace,
      channel: item.channel,
      time: schedule.time,
      timezone: schedule.timezone,
      days: schedule.days,
    });
  }
  if (problems.length) throw new SubscriptionListError(problems);
  return out;
}

function parseCompact(raw: string): FixedSubscriptionInput | string {
  const at = /@(\d{1,2}:\d{2}(?:\/.*)?)$/.exec(raw);
  const channelPart = at ? raw.slice(0, at.index) : raw;
  const m = /^([a-z]+):([^:]+):(.+)$/.exec(channelPart);
  if (!m) return "expected platform:workspace:channel[@HH:MM[/Time/Zone][/weekdays|/daily]]";
  const platform = m[1] as Platform;
  if (!PLATFORMS.includes(platform)) return `unknown platform "${m[1]}" (use slack or teams)`;
  const item: FixedSubscriptionInput = { platform, workspace: m[2] as string, channel: m[3] as string };
  if (at) {
    const parts = (at[1] as string).split("/");
    item.time = parts.shift();
    const last = parts.at(-1)?.toLowerCase();
    if (last && DAY_WORDS[last]) {
      item.days = DAY_WORDS[last];
      parts.pop();
    }
    if (parts.length) item.timezone = parts.join("/");
  }
  return item;
}

export function sameSchedule(a: Schedule, b: Schedule): boolean {
  return a.time === b.time && a.timezone === b.timezone && a.days === b.days;
}
