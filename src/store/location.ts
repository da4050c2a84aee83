// Kept apart from create.ts so the configuration can name the default without loading a database driver.

/** Where the SQLite file goes when SQLITE_PATH is not set (relative to the working folder). */
export const DEFAULT_SQLITE_PATH = ".data/srm-bot.db";
