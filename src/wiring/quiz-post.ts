// `srm-bot quiz post`: one quiz posted now, through the same wiring as the server (core.ts, notifiers.ts).

import pino, { type Logger } from "pino";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { KnowledgeError } from "../knowledge/load.js";
import type { KnowledgeBase } from "../knowledge/schema.js";
import { NotifierUnavailableError } from "../quiz/errors.js";
import { createQuizService } from "../quiz/service.js";
import type { Notifier } from "../quiz/types.js";
import { openStore } from "../store/create.js";
import type { ChannelKey, Platform, Store } from "../store/types.js";
import { loadConfiguredKnowledge, quizSettings, storeOptions } from "./core.js";
import { createPlatformNotifier } from "./notifiers.js";

export const QUIZ_USAGE = `Usage:
  srm-bot quiz post --channel <platform:workspace:channel>
      posts one quiz to the channel now (revealing the previous one), e.g.
      srm-bot quiz post --channel slack:T0123ABCD:C0456EFGH
`;

export interface QuizCommandDeps {
  config?: Config;
  logger?: Logger;
  kb?: Pick<KnowledgeBase, "entries" | "scenarios">;
  store?: Store;
  /** How to reach the platform; default createPlatformNotifier (the adapters' notifiers). */
  createNotifier?: (
    platform: Platform,
    deps: { config: Config; store: Store; logger: Logger },
  ) => Promise<Notifier>;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

const PLATFORMS: readonly Platform[] = ["slack", "teams"];

/** "slack:T1:C1" → ChannelKey; Teams conversation ids keep their own colons. */
export function parseChannelArg(value: string): ChannelKey | null {
  const m = /^([a-z]+):([^:\s]+):(\S+)$/.exec(value.trim());
  if (!m || !PLATFORMS.includes(m[1] as Platform)) return null;
  return { platform: m[1] as Platform, workspace: m[2] as string, channel: m[3] as string };
}

/** `srm-bot quiz <sub> …`; returns the exit code (2 for usage errors, 1 when posting failed). */
export async function quizCommand(args: string[], deps: QuizCommandDeps = {}): Promise<number> {
  const err = deps.err ?? ((t: string) => process.stderr.write(t));
  const [sub, ...rest] = args;
  if (sub !== "post") {
    err(sub ? `Unknown quiz command: ${sub}\n\n${QUIZ_USAGE}` : QUIZ_USAGE);
    return 2;
  }
  const i = rest.findIndex((a) => a === "--channel" || a.startsWith("--channel="));
  const raw = i < 0 ? undefined : rest[i]?.startsWith("--channel=") ? rest[i]?.slice(10) : rest[i + 1];
  const channel = raw ? parseChannelArg(raw) : null;
  if (!channel) {
    err(
      `${raw ? `Not a channel: "${raw}". ` : ""}Give the channel as platform:workspace:channel.\n\n${QUIZ_USAGE}`,
    );
    return 2;
  }
  return quizPostCommand(channel, deps);
}

/** Posts one quiz to `channel` through the platform's notifier, as the scheduler would (without a slot). */
export async function quizPostCommand(channel: ChannelKey, deps: QuizCommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((t: string) => process.stdout.write(t));
  const err = deps.err ?? ((t: string) => process.stderr.write(t));
  let store: Store | undefined;
  try {
    const config = deps.config ?? loadConfig();
    // Silent: what went wrong reaches the operator as one message below, not as JSON log lines.
    const logger = deps.logger ?? pino({ level: "silent" });
    store = deps.store ?? (await openStore(storeOptions(config.store, logger)));
    const make = deps.createNotifier ?? createPlatformNotifier;
    const notifier = await make(channel.platform, { config, store, logger });
    const kb = deps.kb ?? loadConfiguredKnowledge(config);
    const quiz = createQuizService({ store, kb, notifiers: [notifier], logger, ...quizSettings(config) });
    const view = await quiz.postNow(channel);
    out(
      `Posted quiz ${view.quizId} to ${channel.platform}:${channel.workspace}:${channel.channel}: ${view.prompt}\n`,
    );
    return 0;
  } catch (e) {
    const known =
      e instanceof ConfigError || e instanceof NotifierUnavailableError || e instanceof KnowledgeError;
    err(known ? `${(e as Error).message}\n` : `srm-bot: could not post the quiz: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (store && !deps.store) await store.close().catch(() => {});
  }
}
