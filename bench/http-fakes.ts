// The other side of srm-bot's outgoing calls during `npm run bench:http`: Slack's Web API, Slack's
// response_url endpoints and Teams' Bot Connector, in one loopback server that answers at once and only
// counts. It shares the CPU with the load generator, so it keeps no bodies (memory stays flat) and parses
// only what the quiz run needs.

import type { IncomingMessage, ServerResponse } from "node:http";
import { listenOnLoopback } from "./http-loopback.js";

export interface Counts {
  /** Web API calls by method (chat.postMessage, users.info…). */
  webApi: Map<string, number>;
  /** Posts to response_url endpoints (slash-command answers, button results). */
  responses: number;
  /** Activities the Teams bot sent to the connector. */
  teams: number;
  /** response_url posts whose body carried a quiz outcome: "recorded", "already answered"… */
  quizOutcomes: Map<string, number>;
}

export interface Fakes {
  url: string;
  /** SLACK_API_URL for the server. */
  apiUrl: string;
  counts: Counts;
  /** Channel quiz ids seen in chat.postMessage buttons (the quiz run answers them). */
  postedQuizIds: string[];
  web(method: string): number;
  close(): Promise<void>;
}

const QUIZ_ID = /\\"quiz\\":\\"([0-9a-f-]{36})\\"/;

export async function startFakes(): Promise<Fakes> {
  const counts: Counts = { webApi: new Map(), responses: 0, teams: 0, quizOutcomes: new Map() };
  const postedQuizIds: string[] = [];
  let ts = 1_700_000_000;
  let teamsId = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = req.url ?? "/";
    if (path.startsWith("/api/")) {
      const method = path.slice(5).split("?")[0] ?? "";
      counts.webApi.set(method, (counts.webApi.get(method) ?? 0) + 1);
      switch (method) {
        case "auth.test":
          return json(res, 200, {
            ok: true,
            url: "https://bench.slack.example/",
            team: "Bench",
            user: "srm-bot",
            team_id: "T0BENCH",
            user_id: "U0BOT",
            bot_id: "B0BOT",
          });
        case "chat.postMessage": {
          ts += 1;
          const quiz = QUIZ_ID.exec(decodeURIComponent(body))?.[1];
          if (quiz && !postedQuizIds.includes(quiz)) postedQuizIds.push(quiz);
          return json(res, 200, { ok: true, channel: "C0BENCH", ts: `${ts}.000100` });
        }
        case "users.info": {
          const user = new URLSearchParams(body).get("user") ?? "U0";
          return json(res, 200, {
            ok: true,
            user: { id: user, name: user.toLowerCase(), real_name: user, tz: "UTC", is_admin: false },
          });
        }
        default:
          return json(res, 200, { ok: true });
      }
    }
    if (path.startsWith("/response/")) {
      counts.responses += 1;
      if (path.startsWith("/response/quiz-")) {
        const outcome = /Recorded|Correct|Not quite/.test(body)
          ? "recorded"
          : /already answered/i.test(body)
            ? "already_answered"
            : "other";
        counts.quizOutcomes.set(outcome, (counts.quizOutcomes.get(outcome) ?? 0) + 1);
      }
      res.writeHead(200, { "content-type": "text/plain", "content-length": 2 });
      res.end("ok");
      return;
    }
    if (path.startsWith("/v3/conversations/")) {
      counts.teams += 1;
      return json(res, 201, { id: `bench-${++teamsId}` });
    }
    res.writeHead(404);
    res.end();
  };

  const { url, close } = await listenOnLoopback(handle);
  return {
    url,
    apiUrl: `${url}/api/`,
    counts,
    postedQuizIds,
    web: (method) => counts.webApi.get(method) ?? 0,
    close,
  };
}
