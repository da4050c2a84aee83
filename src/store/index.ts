export { createStore, openStore, type StoreOptions } from "./create.js";
export { normalizeQuestion } from "./kysely-store.js";
export { DEFAULT_SQLITE_PATH } from "./location.js";
export type * from "./types.js";
