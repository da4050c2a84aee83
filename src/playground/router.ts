import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { z } from "zod";
import { parseCardAction } from "../conversation/actions.js";
import { type Reply, type RespondInput, readMessage, respond } from "../conversation/respond.js";
import { writes } from "../conversation/writes.js";
import { EXAMPLE_QUESTIONS } from "../engine/answer-words.js";
import type { Engine } from "../engine/engine.js";
import { projectRoot } from "../knowledge/paths.js";
import type { Actor, QuizService } from "../quiz/types.js";
import { renderHomeCard, renderReply } from "../render/adaptive.js";
import { renderHome } from "../render/blockkit.js";
import { ICONS } from "../render/view.js";
import { jsonBody } from "../server/app.js";
import { sendError } from "../server/errors.js";
import { RateLimiter, rateLimit, tooMany } from "../server/rate-limit.js";
import type { ChannelKey, ScoreRow, Store } from "../store/types.js";
import { playgroundAccess } from "./access.js";
import {
  ActionRequestSchema,
  AskRequestSchema,
  type BlockKitView,
  HomeRequestSchema,
  PLAYGROUND_API,
  PLAYGROUND_TIP,
  type PlaygroundInfo,
  type PlaygroundReply,
  type PlaygroundResponse,
} from "./api.js";
import { blockKitFor } from "./blockkit.js";

export interface PlaygroundOptions {
  engine: Engine;
  store?: Store | null;
  quiz?: QuizService | null;
  logger: Logger;
  /** Shown in the page footer: what else this server serves. */
  surfaces?: PlaygroundInfo["surfaces"];
  /** PLAYGROUND_TOKEN: lets clients not on loopback in when they present it. */
  token?: string;
  /** API requests per second per client (address and browser id); default 10, 0 turns the limit off. */
  ratePerClient?: number;
  /** Writes per person (keys "playground:<browser id>"), shared with the other surfaces; absent: none. */
  userLimit?: RateLimiter;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Static page files live beside the sources; the compiled client beside this module (dist/src/playground/client). */
const PUBLIC_DIR = join(projectRoot, "src", "playground", "public");
const CLIENT_DIR = join(here, "client");

function adaptiveCardsBundle(): string | null {
  try {
    const pkg = createRequire(join(projectRoot, "package.json")).resolve("adaptivecards/package.json");
    const file = join(dirname(pkg), "dist", "adaptivecards.min.js");
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

// The page loads nothing from elsewhere; the card renderer sets inline styles, hence style-src 'unsafe-inline'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Commands about a channel's daily quiz make no sense in a one-person playground; say where they work. */
const CHANNEL_ONLY =
  "Daily quizzes run in Slack and Teams channels (/srm quiz daily). Here, press “Quiz me”.";

/** The playground: the page at `/` and its JSON API, answering through the same respond() as Teams. */
export function createPlaygroundRouter(opts: PlaygroundOptions): Router {
  const router = express.Router();
  const access = playgroundAccess(opts.token);
  // Only the playground's own paths are guarded: the router sits in front of every other route.
  router.use("/playground", access);
  mountPage(router, access, opts.logger);
  router.get(`${PLAYGROUND_API}/info`, (_req, res) => {
    const info: PlaygroundInfo = {
      examples: EXAMPLE_QUESTIONS.slice(0, 6),
      icons: ICONS,
      surfaces: opts.surfaces ?? { slack: null, teams: null },
    };
    res.json(info);
  });
  router.use(PLAYGROUND_API, apiRouter(opts));
  return router;
}

/** The page itself, its style, script and the Adaptive Cards renderer it uses. */
function mountPage(router: Router, access: RequestHandler, logger: Logger): void {
  const bundle = adaptiveCardsBundle();
  if (!bundle) logger.warn("adaptivecards bundle not found: the playground will show text answers only");
  const page = (res: Response, file: string, type: string) => {
    res.type(type);
    res.setHeader("cache-control", "no-cache");
    res.sendFile(file, (err) => {
      if (err && !res.headersSent)
        sendError(res.req, res, 404, "not_found", "There is nothing at this address.");
    });
  };
  router.get(["/", "/playground", "/playground/"], access, (_req, res) => {
    res.setHeader("content-security-policy", CSP);
    page(res, join(PUBLIC_DIR, "index.html"), "html");
  });
  router.get("/playground/style.css", (_req, res) => page(res, join(PUBLIC_DIR, "style.css"), "css"));
  for (const script of ["app.js", "slack.js", "teams-host.js"])
    router.get(`/playground/${script}`, (_req, res) => page(res, join(CLIENT_DIR, script), "js"));
  router.get("/playground/vendor/adaptivecards.min.js", (req, res) => {
    if (!bundle) {
      sendError(req, res, 404, "not_found", "The adaptivecards package is not installed.");
      return;
    }
    res.setHeader("cache-control", "public, max-age=86400");
    res.type("js").sendFile(bundle);
  });
}

/** POST /ask and /action: a question or a button press, answered through respond(). */
function apiRouter(opts: PlaygroundOptions): Router {
  const limiter = new RateLimiter({
    name: "playground",
    perSecond: opts.ratePerClient ?? 10,
    burst: 30,
    logger: opts.logger,
  });
  const api = express.Router();
  // Per address and per browser id: a script rotating ids still meets its address's bucket.
  api.use(
    rateLimit(limiter, (req) => req.ip ?? req.socket.remoteAddress ?? "unknown", "playground requests"),
  );
  api.use(jsonBody());

  api.post("/ask", async (req, res) => {
    const body = parse(AskRequestSchema, req, res);
    if (!body) return;
    await answer(req, res, { text: body.text }, body.user);
  });

  api.post("/action", async (req, res) => {
    const body = parse(ActionRequestSchema, req, res);
    if (!body) return;
    const action = parseCardAction(body.action);
    if (!action) {
      sendError(req, res, 400, "invalid_action", "That button's data is not a known action.");
      return;
    }
    await answer(req, res, { action }, body.user);
  });

  async function answer(req: Request, res: Response, input: RespondInput, browser = "guest"): Promise<void> {
    const log = req.log ?? opts.logger;
    // The browser's id is the playground's own: prefixed, it can never equal a Slack or Teams user id, and
    // every row it leads to carries platform "playground" (the quiz refuses other platforms' quiz ids).
    const user = `playground:${browser}`;
    const channel: ChannelKey = { platform: "playground", workspace: "local", channel: `pg-${browser}` };
    const actor: Actor = { user, userName: "Playground user", isAdmin: false };
    const read = "text" in input ? readMessage(input.text) : input;
    // A browser of our own: it reads the 429 and its Retry-After, and tells the person.
    const verdict = opts.userLimit && writes(read) ? opts.userLimit.take(user) : null;
    if (verdict && !verdict.ok) {
      tooMany(req, res, verdict.retryAfterS, "answers, votes or quiz commands from this user");
      return;
    }
    // The engine cannot fail; the store or quiz can: respond() then answers with its failure notice.
    const replies: Reply[] = channelOnly(read)
      ? [{ kind: "notice", text: CHANNEL_ONLY, tone: "info" }]
      : await respond(read, {
          engine: opts.engine,
          store: opts.store ?? null,
          quiz: opts.quiz ?? null,
          channel,
          actor,
          logger: log,
        });
    const out: PlaygroundResponse = { replies: replies.map(toPlaygroundReply) };
    res.json(out);
  }

  api.post("/home", homeHandler(opts));

  return api;
}

function channelOnly(input: Exclude<RespondInput, { text: string }>): boolean {
  return "command" in input && input.command.kind === "quiz" && input.command.quiz.sub !== "ask";
}

function toPlaygroundReply(reply: Reply): PlaygroundReply {
  const { card, summary } = renderReply(reply, { tip: PLAYGROUND_TIP });
  let blockKit: BlockKitView | null = null;
  try {
    blockKit = blockKitFor(reply);
  } catch {
    blockKit = null;
  }
  const redraw = reply.kind === "feedback" && reply.answer !== null;
  return { kind: reply.kind, card, summary, blockKit, redraw };
}

function parse<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | null {
  if (!req.is(["application/json", "application/*+json"])) {
    sendError(req, res, 415, "unsupported_media_type", "Send the request as application/json.");
    return null;
  }
  const r = schema.safeParse(req.body);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first?.path.length ? `${first.path.join(".")}: ` : "";
  sendError(req, res, 400, "invalid_request", `${where}${first?.message ?? "invalid request"}`);
  return null;
}

/** POST /home: the App Home tab, previewed as on Slack and Teams. */
function homeHandler(opts: PlaygroundOptions): (req: Request, res: Response) => Promise<void> {
  return async (req: Request, res: Response) => {
    const body = parse(HomeRequestSchema, req, res);
    if (!body) return;
    let stats: ScoreRow | null | undefined;
    try {
      stats = opts.quiz
        ? await opts.quiz.userStats("playground", `playground:${body.user ?? "guest"}`)
        : undefined;
    } catch (err) {
      (req.log ?? opts.logger).warn({ err }, "playground home: quiz stats unavailable");
      stats = undefined;
    }
    const view = { examples: EXAMPLE_QUESTIONS.slice(0, 4), stats };
    const home = renderHome(view);
    const reply: PlaygroundReply = {
      kind: "home",
      card: renderHomeCard(view),
      summary: "App Home",
      blockKit: { text: "App Home", blocks: home.blocks },
      redraw: false,
    };
    const out: PlaygroundResponse = { replies: [reply] };
    res.json(out);
  };
}
