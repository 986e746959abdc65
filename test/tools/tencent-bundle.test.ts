// Bundle check for the Tencent backend: an app that imports the kit and createTencentBackend must get trtc-sdk-v5
// and @tencentcloud/chat as separate lazy chunks (loaded only when the backend first needs them), and its entry
// chunk must not carry or statically import either SDK. One `vite build` of a tiny entry, written to a temp dir.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// Strings only the SDK builds contain (checked against node_modules): their presence marks the SDK's code.
const TRTC_MARK = 'DEVICE_NOT_ALLOWED_ERROR';
const CHAT_MARK = 'TencentCloudChat.VERSION';

describe('tencent backend bundle', () => {
  const work = mkdtempSync(join(tmpdir(), 'vr-tencent-bundle-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the SDKs land in separate lazy chunks; the entry has neither their code nor a static import of them', async () => {
    assert.ok(readFileSync(join(root, 'node_modules/trtc-sdk-v5/trtc.esm.js'), 'utf8').includes(TRTC_MARK));
    assert.ok(readFileSync(join(root, 'node_modules/@tencentcloud/chat/index.es.js'), 'utf8').includes(CHAT_MARK));
    const entry = join(work, 'app.js');
    writeFileSync(entry, [
      `import { createRoom } from ${JSON.stringify(join(root, 'src/index.ts'))};`,
      `import { createTencentBackend } from ${JSON.stringify(join(root, 'src/backends/tencent/index.ts'))};`,
      'export function start(credentials) {',
      '  const backend = createTencentBackend({ credentials });',
      "  return createRoom({ backend, roomId: 'r1', user: { userId: 'u1', userName: 'U', avatarUrl: '' } });",
      '}',
    ].join('\n'));
    const { build } = await import('vite');
    const out = join(work, 'dist');
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      publicDir: false,
      build: {
        outDir: out, emptyOutDir: true, minify: false, target: 'es2022', modulePreload: false, write: true,
        rolldownOptions: { input: { app: entry }, preserveEntrySignatures: 'exports-only', output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    });
    const files = [join(out, 'app.js'), ...readdirSync(join(out, 'chunks')).map((f) => join(out, 'chunks', f))];
    const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const main = text.get(join(out, 'app.js'))!;
    assert.ok(!main.includes(TRTC_MARK) && !main.includes(CHAT_MARK), 'the entry carries no SDK code');
    assert.ok(!/^\s*import\s[^;]*(trtc|tencentcloud|index\.es)/m.test(main), 'the entry imports no SDK chunk statically');
    const trtcChunks = [...text].filter(([, t]) => t.includes(TRTC_MARK)).map(([f]) => f);
    const chatChunks = [...text].filter(([, t]) => t.includes(CHAT_MARK)).map(([f]) => f);
    assert.equal(trtcChunks.length, 1, 'TRTC is one chunk');
    assert.equal(chatChunks.length, 1, 'Chat is one chunk');
    assert.notEqual(trtcChunks[0], chatChunks[0], 'TRTC and Chat are separate chunks');
    // Whatever the entry reaches statically (its import graph) must not include those chunks: they load by import().
    const staticGraph = new Set<string>();
    const visit = (file: string) => {
      if (staticGraph.has(file)) return;
      staticGraph.add(file);
      for (const m of text.get(file)!.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']\.\/?(.*?)["'];?$/gm)) visit(resolve(file, '..', m[1]!));
      for (const m of text.get(file)!.matchAll(/^\s*import\s*["']\.\/?(.*?)["'];?$/gm)) visit(resolve(file, '..', m[1]!));
    };
    visit(join(out, 'app.js'));
    for (const chunk of [...trtcChunks, ...chatChunks]) assert.ok(!staticGraph.has(chunk), `${chunk} is not in the static graph`);
    const dynamicTargets = [...staticGraph].flatMap((f) => [...text.get(f)!.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => resolve(f, '..', m[1]!)));
    for (const chunk of [...trtcChunks, ...chatChunks]) assert.ok(dynamicTargets.includes(chunk), `${chunk} is loaded with import()`);
  });

  it('the library build keeps both SDKs external (optional peers) and publishes ./backends/tencent', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    assert.ok(pkg['peerDependencies']!['trtc-sdk-v5'] && pkg['peerDependencies']!['@tencentcloud/chat']);
    assert.deepEqual(pkg['peerDependenciesMeta'], { 'trtc-sdk-v5': { optional: true }, '@tencentcloud/chat': { optional: true }, '@tencentcloud/tuiroom-engine-js': { optional: true } });
    assert.ok(pkg['exports']!['./backends/tencent'], 'package.json exports ./backends/tencent');
    const config = readFileSync(join(root, 'vite.config.ts'), 'utf8');
    assert.match(config, /'backends\/tencent': 'src\/backends\/tencent\/index\.ts'/);
    assert.match(config, /peerDependencies/, 'peers are external in the library build');
  });
});
