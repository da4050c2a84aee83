import { webApi } from "@slack/bolt";
import type { SlackConfig } from "../config.js";
import { slackFetch } from "./fetch.js";

/**
 * Bounded retries: a Web API outage delays an answer by seconds, not by the client's default half hour.
 * Rate limits (429) are waited out as Slack's Retry-After says, and count as one attempt. Five retries ride
 * out a rate limit, a couple of 5xx and a timed-out call in a row; a call that hangs is given up after 5 s
 * (chat.postMessage answers in well under a second), so the worst case stays under a minute.
 */
export const DEFAULT_CLIENT_OPTIONS: Pick<webApi.WebClientOptions, "retryConfig" | "timeout"> = {
  retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 4_000, randomize: true },
  timeout: 5_000,
};

export function clientOptionsFor(
  apiUrl: string | undefined,
  extra: webApi.WebClientOptions = {},
): webApi.WebClientOptions {
  return {
    ...DEFAULT_CLIENT_OPTIONS,
    // Bolt's respond() (response_url) uses the same fetch as the Web API client.
    fetch: slackFetch,
    ...extra,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  };
}

/** A Web API client for the bot token; `apiUrl` (ending in "/", as config.ts writes it) replaces https://slack.com/api/. */
export function createSlackClient(
  slack: Pick<SlackConfig, "botToken" | "apiUrl">,
  extra: webApi.WebClientOptions = {},
): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, clientOptionsFor(slack.apiUrl, extra));
}
