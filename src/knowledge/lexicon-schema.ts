// The lexicon's schema (intents/lexicon.json): the words the engine reads questions by, as people type them.
import { z } from "zod";
import { byModel, LayerSchema } from "./layer-ids.js";

const phrases = z.array(z.string().trim().min(1).max(60));

/** The words the engine reads questions by: surface words, normalised by the engine at load. */
export const LexiconSchema = z
  .object({
    layers: z.record(LayerSchema, z.object({ strong: phrases, weak: phrases }).strict()),
    duties: z.record(
      z.string().regex(/^[a-z-]+$/),
      z
        .object({
          words: phrases.min(1),
          layer: byModel(LayerSchema.nullable())
            .optional()
            .describe("The layer the duty points at, by service model (null: it does not say)"),
        })
        .strict(),
    ),
    framings: z
      .object({
        incident: phrases,
        yesno: phrases,
        howTo: phrases.describe("Asking how to do something, not who owns it: declined with suggestions"),
      })
      .strict(),
    platformSoftware: phrases.describe(
      "Software a managed service runs for you (an engine, a runtime): AWS's on managed services, yours on IaaS",
    ),
    hostSoftware: phrases.describe(
      "The host a service runs on (its OS, its kernel): AWS's virtualization layer under IaaS, the service's own software under a managed or serverless service",
    ),
    sides: z
      .object({ customer: phrases, aws: phrases })
      .strict()
      .describe("Words that say whose side a split duty is asked about: our staff, AWS's own"),
    ownership: phrases.min(1),
    compare: phrases.min(1),
    compareStrong: phrases.describe("Compare words that ask for a matrix even with no topic and no 'who'"),
    offTopic: phrases,
    otherClouds: phrases,
    onPremises: phrases.describe(
      "Words for the customer's own premises ('our on-prem datacenter'): with no AWS service named, the question is not about AWS's model",
    ),
    everydayWords: z
      .array(z.string().regex(/^[a-z0-9]+$/, "one lowercase word"))
      .describe(
        "Everyday words the knowledge base does not use, which typo correction must leave alone ('recognition' is not a misspelt Rekognition, nor 'cost' of 'host')",
      ),
    parties: z
      .object({ aws: phrases, customer: phrases })
      .strict()
      .describe(
        "Words naming the party a multiple-choice question asks about ('which of the following is AWS's responsibility')",
      ),
    partyOptions: phrases.describe(
      "Options of a multiple-choice question that name a party rather than a duty ('A) AWS B) The customer C) Both'): the question before them is the duty, and is answered as asked",
    ),
    acts: z
      .object({ aws: phrases, customer: phrases })
      .strict()
      .describe(
        "Words naming one side's act within a shared duty ('who builds the patch' is AWS's, 'who applies it' the customer's): a shared entry asked about that act answers that side's part",
      ),
    choices: phrases.describe(
      "Words that ask who makes a decision the layer's owner leaves open ('kick off the major upgrade', 'roll back', 'decide when'): the layer's `choices` owner answers",
    ),
    wholeControl: phrases.describe(
      "Words that ask about a control as a whole ('patch management overall', 'as a control'), not one layer of it",
    ),
  })
  .strict();
export type Lexicon = z.infer<typeof LexiconSchema>;
