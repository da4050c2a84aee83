import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Platform, Store } from "../store/types.js";
import { NotifierUnavailableError } from "./errors.js";
import type { Notifier } from "./types.js";

export interface NotifierDeps {
  config: Pick<Config, "slack" | "teams">;
  store: Store;
  logger: Logger;
}

/**
 * Builds the notifier for one platform from the configuration alone: what `srm-bot quiz post` uses, and
 * what src/index.ts can use when it does not take the notifier from a running adapter (the Slack app and
 * the Teams mount can also hand theirs over). The adapters' modules are loaded only when asked for, so a
 * CLI command for Slack never loads the Bot Framework SDK and the other way round.
 * Throws NotifierUnavailableError, with a message for the operator, when the platform is not configured.
 */
export async function createPlatformNotifier(platform: Platform, deps: NotifierDeps): Promise<Notifier> {
  const { config, store, logger } = deps;
  switch (platform) {
    case "slack": {
      if (!config.slack)
        throw new NotifierUnavailableError(
          "Slack is not configured: set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN).",
        );
      const { createSlackNotifier } = await import("../slack/notifier.js");
      return createSlackNotifier({ slack: config.slack, logger });
    }
    case "teams": {
      const teams = config.teams;
      if (teams?.mode !== "authenticated")
        throw new NotifierUnavailableError(
          "Teams is not configured: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (the Emulator-only local mode cannot post on its own).",
        );
      const [{ createTeamsAdapter }, { createTeamsNotifier }] = await Promise.all([
        import("../teams/adapter.js"),
        import("../teams/notifier.js"),
      ]);
      return createTeamsNotifier(createTeamsAdapter(teams, logger), store, teams.appId, logger);
    }
    case "playground":
      throw new NotifierUnavailableError("The playground has no channel to post to; use slack or teams.");
  }
}
