// What `npm publish` would ship for `voiceroom-kit` (issue 16 §4): the file list of `npm pack --dry-run`, read from
// npm itself rather than from the `files` field, so npm's own rules (always-included files, .npmignore) count.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  license?: string;
  files?: string[];
};

/** The paths `npm pack` would put in the tarball (scripts not run: no build, only what is on disk now). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [report] = JSON.parse(result.stdout) as [{ files: { path: string }[] }];
  return report.files.map((f) => f.path);
}

describe('the published package', () => {
  let files: string[];
  before(() => {
    files = packedFiles();
  });

  it('ships the MIT licence its package.json names, for its contributors', () => {
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.files?.includes('LICENSE'), '"files" lists LICENSE');
    assert.ok(files.includes('LICENSE'), `LICENSE is in the tarball (${files.join(', ')})`);
    const text = readFileSync(new URL('../../LICENSE', import.meta.url), 'utf8');
    assert.match(text, /^MIT License\n\nCopyright \(c\) 2026 VoiceRoom Kit contributors\n/);
  });
});
