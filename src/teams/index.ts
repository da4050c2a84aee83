// Microsoft Teams adapter (Bot Framework v4); src/wiring/teams.ts mounts it on the server.
export { actorOf, channelKeyOf, LOCAL_TENANT } from "./activity.js";
export {
  createTeamsAdapter,
  FRIENDLY_ERROR,
  TeamsAdapter,
  type TeamsEndpoint,
  turnErrorHandler,
} from "./adapter.js";
export { SrmTeamsBot, TEAMS_TIP, type TeamsBotDeps } from "./bot.js";
export { type MountTeamsOptions, mountTeams, TEAMS_PATH, type TeamsMount } from "./mount.js";
export { createTeamsNotifier } from "./notifier.js";
