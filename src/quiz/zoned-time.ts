// Local wall-clock arithmetic in IANA time zones with Intl only (no time-zone library): enough for
// "09:30 in Europe/Paris on weekdays", including the days clocks change.

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(tz, f);
  }
  return f;
}

let knownZones: Map<string, string> | undefined;

/**
 * The IANA name to store for what the user typed, or null when the zone is unknown. Names are kept as
 * written (ICU would turn "Asia/Kolkata" into the older "Asia/Calcutta") but with their usual capitals;
 * abbreviations ICU accepts ("PST") become the zone they stand for.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (/^(utc|gmt|z)$/i.test(trimmed)) return "UTC";
  if (!trimmed.includes("/")) return resolved;
  knownZones ??= new Map(Intl.supportedValuesOf("timeZone").map((z) => [z.toLowerCase(), z]));
  const known = knownZones.get(trimmed.toLowerCase());
  if (known) return known;
  if (trimmed !== trimmed.toLowerCase() && trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed
    .toLowerCase()
    .replace(/(^|[/_-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export function localParts(instant: Date, tz: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** UTC offset of `tz` at `instant`, in ms (Paris in winter: +3 600 000). */
function offsetAt(instantMs: number, tz: string): number {
  const p = localParts(new Date(instantMs), tz);
  const [y, m, d] = p.date.split("-").map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, p.hour, p.minute);
  return asUtc - Math.floor(instantMs / 60_000) * 60_000;
}

/**
 * The instant when the wall clock in `tz` shows `date` `time`. When that time happens twice (clocks go
 * back) the first one is used; when it never happens (clocks go forward) the same time after the jump is
 * used, e.g. 02:30 on the spring-forward night in Paris is 03:30 local.
 */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offsets = [...new Set([-12, 0, 12].map((h) => offsetAt(wall + h * 3_600_000, tz)))];
  const matches = offsets
    .map((o) => wall - o)
    .filter((t) => {
      const p = localParts(new Date(t), tz);
      return p.date === date && p.hour === hh && p.minute === mm;
    });
  if (matches.length) return new Date(Math.min(...matches));
  return new Date(wall - Math.min(...offsets));
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}
