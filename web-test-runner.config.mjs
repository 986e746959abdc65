// Browser tests (test/components, test/browser) in Debian's Chromium through Playwright.
// No tool downloads its own browser: CHROME_PATH points at any local Chromium/Chrome.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { countsReporter } from './scripts/wtr-counts-reporter.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Flags that work headless as root in CI; the fake media flags give getUserMedia a beeping microphone
// without a permission prompt, and loopback ICE lets two pages talk WebRTC on one machine.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/components/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 2,
  // Without a terminal (CI, piped output) print plain lines instead of a redrawn progress view.
  staticLogging: !process.stdout.isTTY,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  // Lit's one-time dev-mode notice would be repeated for every file; every other browser log still shows.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: {
    config: { timeout: 10_000 },
  },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: chromiumArgs },
      createBrowserContext: ({ browser }) => browser.newContext({ permissions: ['microphone'] }),
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig })],
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    // scripts/test.mjs sets WTR_COUNTS_FILE to read real pass/fail counts instead of parsing console output.
    ...(process.env.WTR_COUNTS_FILE ? [countsReporter(process.env.WTR_COUNTS_FILE)] : []),
  ],
};
