// When `npm start` (and `npm test` before its end-to-end files) may serve the demo it built before instead of
// building it again (scripts/demo-build.mjs): only when nothing the build read changed. Checked on a checkout of
// its own in a temp directory; the real build's stamp is checked by the journey (test/e2e/journey.test.ts).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { stampFile, stampFor, staleness } from '../../scripts/demo-build.mjs';

describe('an up-to-date demo build', () => {
  let root: string;
  let outDir: string;
  const env = { PATH: '/usr/bin', VR_PORT: '8787' };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** A finished build: its output, and the stamp of the checkout as it is now and of `modules` it loaded. */
  const build = (modules: string[] = [], buildEnv: Record<string, string> = env) => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.html'), '<!doctype html>');
    const stamp = stampFor({ mode: 'demo', modules: modules.map((m) => join(root, m)), root, env: buildEnv });
    writeFileSync(stampFile(outDir), JSON.stringify(stamp));
  };
  const why = (checkEnv: Record<string, string> = env) => staleness(outDir, { root, env: checkEnv });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vr-demo-build-'));
    outDir = join(root, '.vr-build', 'demo');
    write('vite.config.ts', 'export default {}');
    write('package-lock.json', '{}');
    write('demo/app.ts', 'import "../components/index.js";');
    write('demo/public/avatars/a.svg', '<svg/>');
    write('components/index.ts', 'export {};');
    write('node_modules/.package-lock.json', '{"packages":{}}');
    write('node_modules/lit/index.js', 'export {};');
    write('test/e2e/journey.test.ts', '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is up to date right after it finished, and not before', () => {
    assert.equal(why(), 'no finished build');
    build(['node_modules/lit/index.js']);
    assert.equal(why(), null);
  });

  it('is out of date when a file of the checkout changed, appeared or went away, imported or not', () => {
    build();
    write('components/index.ts', 'export const changed = 1;');
    assert.equal(why(), 'components/index.ts changed');
    build();
    write('demo/public/avatars/b.svg', '<svg/>');
    assert.equal(why(), 'demo/public/avatars/b.svg is new');
    build();
    write('components/seat/seat.ts', 'export {};');
    assert.equal(why(), 'components/seat/seat.ts is new');
    build();
    unlinkSync(join(root, 'demo/public/avatars/a.svg'));
    assert.equal(why(), 'demo/public/avatars/a.svg changed');
    build();
    write('vite.config.ts', 'export default { base: "/x/" }');
    assert.equal(why(), 'vite.config.ts changed');
  });

  it('is out of date when a module or config file it loaded changed, or other packages are installed', () => {
    build(['node_modules/lit/index.js']);
    write('node_modules/lit/index.js', 'export const patched = 1;');
    assert.equal(why(), 'node_modules/lit/index.js changed');
    build(['node_modules/lit/index.js']);
    write('node_modules/.package-lock.json', '{"packages":{"node_modules/vite":{"version":"9.0.0"}}}');
    assert.equal(why(), 'node_modules/.package-lock.json changed');
    // A Vite plugin vite.config.ts imports from scripts/ (a config dependency Vite names).
    write('scripts/minify-css-templates.ts', 'export {};');
    build(['scripts/minify-css-templates.ts']);
    write('scripts/minify-css-templates.ts', 'export const other = 1;');
    assert.equal(why(), 'scripts/minify-css-templates.ts changed');
  });

  it('is out of date when built with other settings: mode, VR_CSS_AS_WRITTEN, VR_HTML_AS_WRITTEN, VITE_*', () => {
    build();
    assert.equal(staleness(outDir, { root, env, mode: 'production' }), 'built with other settings');
    for (const name of ['VR_CSS_AS_WRITTEN', 'VR_HTML_AS_WRITTEN', 'VITE_ROOM_SERVER'])
      assert.equal(why({ ...env, [name]: '1' }), 'built with other settings', name);
    build([], { ...env, VR_CSS_AS_WRITTEN: '1' });
    assert.equal(why(), 'built with other settings');
    assert.equal(why({ ...env, VR_CSS_AS_WRITTEN: '1' }), null);
  });

  it('is out of date when its output or its stamp is gone (a build that did not finish removed its stamp)', () => {
    build();
    rmSync(outDir, { recursive: true });
    assert.equal(why(), 'its output is missing');
    build();
    unlinkSync(stampFile(outDir));
    assert.equal(why(), 'no finished build');
  });

  it('stays up to date through what the build never reads: tests, output, data, logs, other settings', () => {
    build(['node_modules/lit/index.js']);
    write('test/e2e/journey.test.ts', '// edited');
    write('node_modules/other/index.js', 'export {};');
    write('test-results/journey/01.png', 'png');
    write('.vr-data/rooms.sqlite', 'db');
    write('.vr-build/journey-x/index.html', '');
    write('server/main.ts', '// edited');
    write('npm-debug.log', 'log');
    write('CONTRIBUTING.md', '# edited');
    write('scripts/test.mjs', '// edited: the test runner, which the build does not import');
    assert.equal(why({ ...env, VR_PORT: '9000', VR_DEMO_DIR: '/elsewhere' }), null);
  });
});
