import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('README', () => {
  it("the element table matches the elements' JSDoc headers", () => {
    const result = spawnSync(process.execPath, ['scripts/element-table.mjs', '--check'], {
      cwd: new URL('../..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
  });
});
