// The App Home tab: what srm-bot does, example questions, the user's quiz stats, and for workspace admins
// the questions the knowledge base answered badly or not at all.

import type { App, webApi } from "@slack/bolt";
import { EXAMPLE_QUESTIONS } from "../../engine/answer-words.js";
import { type HomeAdminView, renderHome } from "../../render/blockkit.js";
import type { ScoreRow } from "../../store/types.js";
import type { SlackDeps } from "../deps.js";

const TOP = 10;

export function register(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      const view = await homeFor(client, deps, event.user);
      await client.views.publish({
        user_id: event.user,
        // Buttons on the tab answer in the user's DM with srm-bot; the view carries its id back to us.
        // (Posting to a user id also lands in that DM, should the event ever come without the channel.)
        view: { ...view, private_metadata: JSON.stringify({ dm: event.channel || event.user }) },
      });
    } catch (err) {
      deps.logger.error({ err, user: event.user }, "could not publish the App Home tab");
    }
  });
}

async function homeFor(client: webApi.WebClient, deps: SlackDeps, user: string) {
  const quiz = deps.quiz();
  const [actor, stats] = await Promise.all([
    deps.users.actor(client, user),
    quiz
      ? quiz.userStats("slack", user).catch((err): ScoreRow | null | undefined => {
          deps.logger.warn({ err }, "could not read quiz stats for the App Home tab");
          return undefined;
        })
      : Promise.resolve(undefined),
  ]);
  let admin: HomeAdminView | undefined;
  if (actor.isAdmin) {
    const [unanswered, unhelpful] = await Promise.all([
      deps.store.topUnanswered("slack", TOP).catch(storeDown(deps)),
      deps.store.topUnhelpful("slack", TOP).catch(storeDown(deps)),
    ]);
    admin = { unanswered, unhelpful };
  }
  // The standing examples, then three that rotate daily through every service the knowledge base covers.
  const day = Math.floor(Date.now() / 86_400_000);
  const examples = [...EXAMPLE_QUESTIONS.slice(0, 3), ...deps.engine.rotatingExamples(day)];
  return renderHome({ examples, stats, ...(admin ? { admin } : {}) });
}

function storeDown(deps: SlackDeps) {
  return (err: unknown): null => {
    deps.logger.warn({ err }, "could not read the knowledge-base report for the App Home tab");
    return null;
  };
}
