// The playground as a surface: the page at / answering through the same code path as Teams.

import { createPlaygroundRouter } from "../playground/router.js";
import type { MountedSurface, SurfaceContext } from "./surface.js";

export function mountPlayground(ctx: SurfaceContext): MountedSurface {
  const { config, engine, store, quiz } = ctx;
  ctx.app.use(
    createPlaygroundRouter({
      engine,
      store,
      quiz,
      logger: ctx.logger.child({ component: "playground" }),
      surfaces: {
        slack: config.slack ? `${config.slack.mode} mode` : null,
        teams: config.teams ? `/api/messages (${config.teams.mode})` : null,
      },
      ...(config.playgroundToken ? { token: config.playgroundToken } : {}),
      ratePerClient: config.http.playgroundPerClient,
      userLimit: ctx.userLimit,
    }),
  );
  return {
    banner: {
      name: "Playground",
      where: "/",
      note: config.playgroundToken
        ? "chat with the bot in your browser (other machines: with PLAYGROUND_TOKEN)"
        : "chat with the bot in your browser (this machine only)",
    },
  };
}
