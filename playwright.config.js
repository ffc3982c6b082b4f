// @ts-check
// Browser tests of the built site (make builds `site/` first). Chromium: $KATA_CHROMIUM,
// else Debian's /usr/bin/chromium, else Playwright's own (`npx playwright install chromium`).

import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// KATA_E2E_PORT lets two suites run side by side on one machine.
const PORT = Number(process.env.KATA_E2E_PORT || 8765);
const SITE_DIR = process.env.KATA_SITE_DIR || "site";
// Screenshots are taken on demand only: `--grep @screenshots` (or KATA_SCREENSHOTS=1).
const SCREENSHOTS = Boolean(process.env.KATA_SCREENSHOTS) || process.argv.some((arg) => arg.includes("@screenshots"));

/** @returns {string | undefined} */
function chromiumPath() {
  if (process.env.KATA_CHROMIUM) return process.env.KATA_CHROMIUM;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "tests_e2e",
  workers: 2,
  retries: 0,
  // Pyodide takes about 5 s to start, up to 15 s on a loaded 2-core machine; a test may
  // start it twice (a time-out restarts Python) and wait out a 10 s time limit.
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  grepInvert: SCREENSHOTS ? undefined : /@screenshots/,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: "chromium",
    // The site's service worker stores the whole site after a visit: only tests of offline
    // use and of isolation turn it on (test.use({serviceWorkers: "allow"})).
    serviceWorkers: "block",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${SITE_DIR}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stderr: "ignore", // http.server logs every request there
  },
});
