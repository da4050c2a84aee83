export type * from "./answer.js";
export { INTENT_NAMES, OWNER_LABEL } from "./answer.js";
export { COMMANDS, EXAMPLE_QUESTIONS } from "./answer-words.js";
export { createEngine, Engine, type EngineOptions } from "./engine.js";
export { CATEGORY_NAME } from "./topics.js";
