// Runs once before the test files. The PostgreSQL tests need a server and say so in one line when they skip,
// rather than passing silently with a quarter of the store tests left out.
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL)
    process.stdout.write(
      "PostgreSQL tests skipped: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test)\n",
    );
}
