import { defineConfig } from "vitest/config";

// Tests start real servers (child processes on free ports picked by the OS), real databases and a real browser,
// so files run in parallel in separate processes, and time limits leave room for a slow CI machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    exclude: ["**/node_modules/**", "dist/**"],
    pool: "forks",
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 15_000,
    // A test that passes only on retry is a bug to fix, not to hide.
    retry: 0,
    // The JSON report lets .ci/run print one plain "N passed, N failed" line at the end.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
