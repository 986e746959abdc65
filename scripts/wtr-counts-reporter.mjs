// A web-test-runner reporter that writes the real test counts to a JSON file, so scripts/test.mjs can sum
// them with node --test's counts instead of scraping WTR's human-oriented summary.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{ passed: number, failed: number, skipped: number, fileErrors: number }} Counts
 */

/** @param {any} suite @param {Counts} counts */
function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

/** @param {any[]} sessions @returns {Counts} */
export function countSessions(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
  for (const session of sessions) {
    const before = counts.failed;
    if (session.testResults) countSuite(session.testResults, counts);
    // A file that failed to load or threw outside a test has no failing test to show for it;
    // count it as one failure so a broken file can never pass as "0 failed".
    if (session.passed === false && counts.failed === before) {
      counts.failed += 1;
      counts.fileErrors += 1;
    }
  }
  return counts;
}

/**
 * The test files whose page web-test-runner gave up on (its `testsFinishTimeout`): no result of theirs came back,
 * so they count as one failure each above. scripts/test.mjs runs such a file once more by itself.
 * @param {any[]} sessions @returns {string[]}
 */
export function unfinishedFiles(sessions) {
  return sessions
    .filter(
      (session) =>
        session.passed === false &&
        !session.testResults &&
        (session.errors ?? []).some((/** @type {any} */ e) => /did not finish within/.test(String(e?.message))),
    )
    .map((session) => String(session.testFile));
}

/** @param {string} file */
export function countsReporter(file) {
  /** @param {any[]} sessions */
  const write = (sessions) => {
    writeFileSync(file, `${JSON.stringify({ ...countSessions(sessions), unfinished: unfinishedFiles(sessions) })}\n`);
  };
  return {
    /** @param {{ sessions: any[] }} args */
    onTestRunFinished({ sessions }) {
      write(sessions);
    },
    /** @param {{ sessions: any[] }} args */
    stop({ sessions }) {
      write(sessions);
    },
  };
}
