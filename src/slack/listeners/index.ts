import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import * as appHome from "./app-home.js";
import * as appMention from "./app-mention.js";
import * as blockActions from "./block-actions.js";
import * as directMessage from "./direct-message.js";
import * as slashCommand from "./slash-command.js";

/** Every listener, one file each (the Bolt starter-template layout). */
export function registerListeners(app: App, deps: SlackDeps): void {
  for (const listener of [appMention, directMessage, slashCommand, blockActions, appHome])
    listener.register(app, deps);
}
