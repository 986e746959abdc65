// The browser phase's counts (scripts/wtr-counts-reporter.mjs): real test counts, a file that failed to load counted
// as a failure, and the files web-test-runner gave up on (no result came back) named, so scripts/test.mjs can run
// such a file once more by itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error -- a plain .mjs script without types
import { countSessions, unfinishedFiles } from '../../scripts/wtr-counts-reporter.mjs';

const suite = (passed: number, failed: number) => ({
  tests: [
    ...Array.from({ length: passed }, () => ({ passed: true })),
    ...Array.from({ length: failed }, () => ({ passed: false })),
  ],
  suites: [],
});
const GAVE_UP = { message: 'Browser tests did not finish within 600000ms. You can increase this timeout…' };

describe('web-test-runner counts', () => {
  it('counts tests, a file without results as one failure, and names only the files given up on', () => {
    const sessions = [
      { testFile: '/p/test/components/a.test.ts', passed: true, testResults: suite(3, 0) },
      { testFile: '/p/test/components/b.test.ts', passed: false, testResults: suite(2, 1) },
      { testFile: '/p/test/components/hung.test.ts', passed: false, errors: [GAVE_UP] },
      { testFile: '/p/test/components/broken.test.ts', passed: false, errors: [{ message: 'SyntaxError: x' }] },
    ];
    assert.deepEqual(countSessions(sessions), { passed: 5, failed: 3, skipped: 0, fileErrors: 2 });
    assert.deepEqual(unfinishedFiles(sessions), ['/p/test/components/hung.test.ts']);
  });

  it('does not name a file that timed out after some of its results came back', () => {
    const sessions = [{ testFile: '/p/x.test.ts', passed: false, errors: [GAVE_UP], testResults: suite(1, 0) }];
    assert.deepEqual(unfinishedFiles(sessions), []);
  });
});
