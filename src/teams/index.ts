// Microsoft Teams adapter (Bot Framework v4). Wiring, in src/index.ts:
//   const teamsAdapter = createTeamsAdapter(config.teams, logger);
//   const notifier = createTeamsNotifier(teamsAdapter, store, teamsAdapter.appId, logger);   // for the quiz
//   mountTeams(app, { engine, store, quiz, logger, teams: config.teams, adapter: teamsAdapter });
export { actorOf, channelKeyOf, LOCAL_TENANT } from "./activity.js";
export {
  createTeamsAdapter,
  FRIENDLY_ERROR,
  TeamsAdapter,
  type TeamsSettings,
  turnErrorHandler,
} from "./adapter.js";
export { SrmTeamsBot, TEAMS_TIP, type TeamsBotDeps } from "./bot.js";
export { type MountTeamsOptions, mountTeams, TEAMS_PATH, type TeamsMount } from "./mount.js";
export { createTeamsNotifier } from "./notifier.js";
