import type { Logger } from "pino";
import type { Config } from "../config.js";
import { NotifierUnavailableError } from "../quiz/errors.js";
import type { Notifier } from "../quiz/types.js";
import type { Platform, Store } from "../store/types.js";

export interface NotifierDeps {
  config: Pick<Config, "slack" | "teams">;
  store: Store;
  logger: Logger;
}

/**
 * The notifier for one platform from the configuration alone, without a running server: what
 * `srm-bot quiz post` posts through. Each surface module is loaded only when asked for, so a command for
 * Slack never loads the Bot Framework SDK and the other way round.
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
      const { slackNotifier } = await import("./slack.js");
      return slackNotifier(config.slack, logger);
    }
    case "teams": {
      const teams = config.teams;
      if (teams?.mode !== "authenticated")
        throw new NotifierUnavailableError(
          "Teams is not configured: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (the Emulator-only local mode cannot post on its own).",
        );
      const { teamsNotifier } = await import("./teams.js");
      return teamsNotifier(teams, store, logger);
    }
    case "playground":
      throw new NotifierUnavailableError("The playground has no channel to post to; use slack or teams.");
  }
}
