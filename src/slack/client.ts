import { webApi } from "@slack/bolt";

/**
 * Bounded retries: a Web API outage delays an answer by seconds, not by the client's default half hour.
 * Rate limits (429) are waited out as Slack's Retry-After says.
 */
export const DEFAULT_CLIENT_OPTIONS: Pick<webApi.WebClientOptions, "retryConfig" | "timeout"> = {
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
  timeout: 10_000,
};

export function clientOptionsFor(
  apiUrl: string | undefined,
  extra: webApi.WebClientOptions = {},
): webApi.WebClientOptions {
  return { ...DEFAULT_CLIENT_OPTIONS, ...extra, ...(apiUrl ? { slackApiUrl: withSlash(apiUrl) } : {}) };
}

/** A Web API client for the bot token; `apiUrl` replaces https://slack.com/api/ (GovSlack, tests). */
export function createSlackClient(
  slack: { botToken: string; apiUrl?: string },
  extra: webApi.WebClientOptions = {},
): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, clientOptionsFor(slack.apiUrl, extra));
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
