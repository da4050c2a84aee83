// srm-bot's server: reads the configuration, then mounts each surface it enables on the one shared server.
// Adapters get what they need as arguments; none of them reads process.env.
// Heavy modules are imported after the configuration is known to be valid, so a bad configuration is
// reported at once, and a platform's SDK is loaded only when that platform is configured.

import { type Config, ConfigError, loadConfig, secretValues } from "./config.js";
import { fail, type MountedSurface, StartError } from "./wiring/surface.js";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const { createLogger } = await import("./server/logger.js");
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: secretValues(config),
  });
  const { createServer } = await import("./wiring/server.js");
  const server = await createServer(config, logger);
  const ctx = server.context;

  const surfaces: MountedSurface[] = [];
  if (config.playground) surfaces.push((await import("./wiring/playground.js")).mountPlayground(ctx));
  if (config.slack) surfaces.push((await import("./wiring/slack.js")).mountSlack(ctx, config.slack));
  if (config.teams) surfaces.push((await import("./wiring/teams.js")).mountTeamsSurface(ctx, config.teams));
  await server.serve(surfaces);
}

main().catch((err: unknown) => {
  const message =
    err instanceof StartError
      ? err.message
      : `srm-bot: could not start: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`${message}\n`);
  // Open handles (a database pool, timers, a listening socket) must not keep a failed start alive.
  process.exit(1);
});
