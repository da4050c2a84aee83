// The Bot Framework side of Teams: who may call /api/messages, and how replies get back to Teams.

import {
  type Activity,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  INVOKE_RESPONSE_KEY,
  type TurnContext,
} from "botbuilder";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import type { TeamsConfig } from "../config.js";
import { FAILURE_NOTICE } from "../conversation/respond.js";
import { tooMany } from "../server/rate-limit.js";
import { checkActivity } from "./activity-schema.js";
import { errorInfo } from "./errors.js";

/**
 * The Teams part of the config, and where Bot Framework publishes its token signing keys: only for sovereign
 * clouds and tests (the SDK's public-cloud default applies when unset).
 */
export type TeamsEndpoint = TeamsConfig & { openIdMetadataUrl?: string };

/** Bot Framework's public-cloud endpoints (botframework-connector's AuthenticationConstants). */
const PUBLIC_CLOUD: ConfigurationBotFrameworkAuthenticationOptions = {
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  ToBotFromChannelOpenIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  ToBotFromEmulatorOpenIdMetadataUrl:
    "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
  CallerId: "urn:botframework:azure",
};

/** The failure notice every surface gives, here for the turn error handler. */
export const FRIENDLY_ERROR = FAILURE_NOTICE;

/** CloudAdapter with an HTTP entry point that never answers with a stack trace or an error message. */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    readonly appId: string,
    readonly authenticated: boolean,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  async handle(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: unknown = req.body;
    if (!activity || typeof activity !== "object" || Array.isArray(activity)) {
      res.status(400).json({ error: "expected a Bot Framework activity (JSON object with a type)" });
      return;
    }
    // Without a token there is nothing to check the shape for: the caller learns only that it is refused.
    if (this.authenticated && !req.headers.authorization) {
      this.logger.warn(
        { reason: "not authorized: no Authorization header", hasToken: false },
        "rejected a Teams request without a valid Bot Framework token",
      );
      res.status(401).json({ error: "unauthorized" });
      return;
    }
    const verdict = checkActivity(activity, !this.authenticated);
    if (!verdict.ok) {
      res.status(400).json({ error: verdict.message });
      return;
    }
    fixDates(activity as Record<string, unknown>);
    const authorization = req.headers.authorization ?? "";
    try {
      const result = await this.processActivity(authorization, activity as Activity, logic);
      // The turn was refused by a rate limit (mount.ts): nothing ran, and the caller is told when to retry.
      const retryAfterS: unknown = res.locals.retryAfterS;
      if (typeof retryAfterS === "number") {
        tooMany(req, res, retryAfterS, "answers, votes or quiz commands from this user");
        return;
      }
      if (result?.body !== undefined) res.status(result.status ?? 200).json(result.body);
      else res.status(result?.status ?? 200).end();
    } catch (err) {
      const auth = authFailure(err);
      if (auth === "rejected") {
        this.logger.warn(
          { reason: (err as Error).message, hasToken: authorization !== "" },
          "rejected a Teams request without a valid Bot Framework token",
        );
        res.status(401).json({ error: "unauthorized" });
        return;
      }
      if (auth === "unverifiable") {
        this.logger.error(
          { err: errorInfo(err) },
          "could not fetch the Bot Framework signing keys to check a token",
        );
        res.status(503).json({ error: "cannot verify the request right now" });
        return;
      }
      this.logger.error({ err: errorInfo(err) }, "Teams request failed");
      if (!res.headersSent) res.status(500).json({ error: "internal error" });
    }
  }
}

/** Token problems the SDK reports: its own AuthenticationError, or jsonwebtoken's (bad signature, expired). */
const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

function authFailure(err: unknown): "rejected" | "unverifiable" | null {
  const e = err as { name?: unknown; statusCode?: unknown } | null;
  if (!e) return null;
  if (typeof e.name === "string" && JWT_ERRORS.has(e.name)) return "rejected";
  if (e.statusCode === 401 || e.statusCode === 403) return "rejected";
  // The signing keys could not be fetched: the token is not accepted, but the fault is ours to report.
  if (e.name === "AuthenticationError")
    return typeof e.statusCode === "number" && e.statusCode >= 500 ? "unverifiable" : "rejected";
  return null;
}

/** As the SDK does in its own HTTP handler: Bot Framework sends dates as strings. */
function fixDates(activity: Record<string, unknown>): void {
  for (const key of ["timestamp", "localTimestamp", "expiration"]) {
    const v = activity[key];
    if (typeof v === "string") {
      activity[`raw${key[0]?.toUpperCase()}${key.slice(1)}`] = v;
      activity[key] = new Date(v);
    }
  }
}

export function createTeamsAdapter(settings: TeamsEndpoint, logger: Logger): TeamsAdapter {
  const appId = settings.mode === "authenticated" ? settings.appId.trim() : "";
  const options: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (settings.mode === "authenticated" && appId) {
    options.MicrosoftAppId = appId;
    options.MicrosoftAppPassword = settings.appPassword;
    options.MicrosoftAppType = settings.appType;
    if (settings.tenantId) options.MicrosoftAppTenantId = settings.tenantId;
    // Setting any endpoint makes the SDK expect all of them: the public cloud's, with the key source replaced.
    if (settings.openIdMetadataUrl)
      Object.assign(options, PUBLIC_CLOUD, { ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl });
    logger.info(
      { appId, appType: options.MicrosoftAppType, tenantId: settings.tenantId },
      "Teams endpoint: Bot Framework authentication on",
    );
  } else {
    logger.warn(
      "Teams endpoint is UNAUTHENTICATED (no MICROSOFT_APP_ID): for the Bot Framework Emulator on this machine only; never expose it",
    );
  }
  const adapter = new TeamsAdapter(
    new ConfigurationBotFrameworkAuthentication(options),
    appId,
    !!appId,
    logger,
  );
  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}

/** Logs a failed turn with its context and tells the user briefly, in the form the activity expects. */
export function turnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const a = context.activity;
    logger.error(
      {
        err: errorInfo(error),
        activity: {
          type: a.type,
          id: a.id,
          name: a.name,
          channelId: a.channelId,
          conversationId: a.conversation?.id,
          conversationType: a.conversation?.conversationType,
          tenantId: a.conversation?.tenantId,
        },
      },
      "Teams turn failed",
    );
    try {
      if (a.type === ActivityTypes.Invoke) {
        // Without an invoke response Teams shows a generic failure; this one says what to do.
        context.turnState.delete(INVOKE_RESPONSE_KEY);
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: {
              statusCode: 500,
              type: "application/vnd.microsoft.error",
              value: { code: "InternalServerError", message: FRIENDLY_ERROR },
            },
          },
        });
      } else if (a.type === ActivityTypes.Message) {
        await context.sendActivity(FRIENDLY_ERROR);
      }
    } catch (sendErr) {
      logger.warn({ err: errorInfo(sendErr) }, "could not tell the Teams user about the failure");
    }
  };
}
