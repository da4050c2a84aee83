// Teams as a surface: authenticated with an app id; in local mode unauthenticated, for the Bot Framework
// Emulator on this machine only.

import type { Logger } from "pino";
import type { TeamsConfig } from "../config.js";
import type { Notifier } from "../quiz/types.js";
import type { Store } from "../store/types.js";
import { createTeamsAdapter } from "../teams/adapter.js";
import { mountTeams, TEAMS_PATH } from "../teams/mount.js";
import { createTeamsNotifier, teamsPace } from "../teams/notifier.js";
import type { MountedSurface, SurfaceContext } from "./surface.js";

export function mountTeamsSurface(ctx: SurfaceContext, teams: TeamsConfig): MountedSurface {
  const { engine, store, quiz, logger } = ctx;
  const pace = teamsPace(ctx.config.quiz.teamsPostsPerSecond);
  const mounted = mountTeams(ctx.app, { engine, store, quiz, logger, teams, userLimit: ctx.userLimit, pace });
  const authenticated = teams.mode === "authenticated";
  return {
    banner: {
      name: "Teams",
      where: TEAMS_PATH,
      note:
        teams.mode === "authenticated"
          ? `Bot Framework messaging endpoint (app ${teams.appId}, ${teams.appType})`
          : "unauthenticated, for the Bot Framework Emulator on this machine only",
    },
    notifier: mounted.notifier,
    readiness: {
      name: "teams",
      run: () => ({
        ok: mounted.adapter.authenticated === authenticated,
        detail: mounted.adapter.authenticated ? "authenticated endpoint" : "local endpoint (no auth)",
      }),
    },
  };
}

/** The quiz's way into Teams without a running server (`srm-bot quiz post`). */
export function teamsNotifier(
  teams: Extract<TeamsConfig, { mode: "authenticated" }>,
  store: Store,
  logger: Logger,
): Notifier {
  return createTeamsNotifier(createTeamsAdapter(teams, logger), store, teams.appId, logger);
}
