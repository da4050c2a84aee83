export {
  createStore,
  DEFAULT_SQLITE_PATH,
  openStore,
  type StoreOptions,
  storeOptionsFromConfig,
} from "./create.js";
export { normalizeQuestion } from "./kysely-store.js";
export type * from "./types.js";
