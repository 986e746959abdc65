// Bundle check for the Tencent backend: an app that imports the kit and createTencentBackend must get the RoomEngine
// SDK, and the Chat and TRTC SDKs it brings, only through import() (loaded when the backend first signs in): its entry
// chunk must not carry or statically import any of them. One `vite build` of a tiny entry, written to a temp dir.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const engineDir = join(root, 'node_modules/@tencentcloud/tuiroom-engine-js');
// Strings only the SDK builds contain (checked against node_modules below): their presence marks the SDK's code.
const MARKS = {
  engine: { mark: 'roomEngineWASM', file: join(engineDir, 'index.esm.js') },
  chat: { mark: 'TencentCloudChat.VERSION', file: join(engineDir, 'node_modules/@tencentcloud/chat/index.js') },
  trtc: { mark: 'checkStorage', file: join(root, 'node_modules/trtc-cloud-js-sdk/node_modules/trtc-sdk-v5/trtc.js') },
};

describe('tencent backend bundle', () => {
  const work = mkdtempSync(join(tmpdir(), 'vr-tencent-bundle-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('RoomEngine, Chat and TRTC load only through import(); the entry has neither their code nor a static import', async () => {
    for (const { mark, file } of Object.values(MARKS))
      assert.ok(readFileSync(file, 'utf8').includes(mark), `${file} has ${mark}`);
    const entry = join(work, 'app.js');
    writeFileSync(
      entry,
      [
        `import { createRoom } from ${JSON.stringify(join(root, 'src/index.ts'))};`,
        `import { createTencentBackend } from ${JSON.stringify(join(root, 'src/backends/tencent/index.ts'))};`,
        'export function start(credentials) {',
        '  const backend = createTencentBackend({ credentials });',
        "  return createRoom({ backend, roomId: 'r1', user: { userId: 'u1', userName: 'U', avatarUrl: '' } });",
        '}',
      ].join('\n'),
    );
    const { build } = await import('vite');
    const out = join(work, 'dist');
    await build({
      configFile: false,
      root,
      logLevel: 'silent',
      publicDir: false,
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: false,
        target: 'es2022',
        modulePreload: false,
        write: true,
        rolldownOptions: {
          input: { app: entry },
          preserveEntrySignatures: 'exports-only',
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    });
    const files = [join(out, 'app.js'), ...readdirSync(join(out, 'chunks')).map((f) => join(out, 'chunks', f))];
    const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const main = text.get(join(out, 'app.js'))!;
    for (const [name, { mark }] of Object.entries(MARKS))
      assert.ok(!main.includes(mark), `the entry carries no ${name} code`);
    assert.ok(!/^\s*import\s[^;]*(trtc|tencentcloud|tuiroom)/m.test(main), 'the entry imports no SDK chunk statically');
    const sdkChunks = new Map(
      Object.entries(MARKS).map(([name, { mark }]) => [
        name,
        [...text].filter(([, t]) => t.includes(mark)).map(([f]) => f),
      ]),
    );
    for (const [name, chunks] of sdkChunks) assert.ok(chunks.length >= 1, `${name} is in the build`);
    // Whatever the entry reaches statically (its import graph) must not include those chunks: they load by import().
    const staticGraph = new Set<string>();
    const visit = (file: string) => {
      if (staticGraph.has(file)) return;
      staticGraph.add(file);
      for (const m of text.get(file)!.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']\.\/?(.*?)["'];?$/gm))
        visit(resolve(file, '..', m[1]!));
      for (const m of text.get(file)!.matchAll(/^\s*import\s*["']\.\/?(.*?)["'];?$/gm))
        visit(resolve(file, '..', m[1]!));
    };
    visit(join(out, 'app.js'));
    for (const chunk of [...sdkChunks.values()].flat())
      assert.ok(!staticGraph.has(chunk), `${chunk} is not in the static graph`);
    const dynamicTargets = [...staticGraph].flatMap((f) =>
      [...text.get(f)!.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => resolve(f, '..', m[1]!)),
    );
    assert.ok(
      sdkChunks.get('engine')!.some((chunk) => dynamicTargets.includes(chunk)),
      'the engine chunk is loaded with import()',
    );
  });

  it('the library build keeps the SDK external (an optional peer) and publishes ./backends/tencent', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    assert.ok(pkg['peerDependencies']!['@tencentcloud/tuiroom-engine-js']);
    assert.deepEqual(pkg['peerDependenciesMeta'], { '@tencentcloud/tuiroom-engine-js': { optional: true } });
    assert.ok(pkg['exports']!['./backends/tencent'], 'package.json exports ./backends/tencent');
    const config = readFileSync(join(root, 'vite.config.ts'), 'utf8');
    assert.match(config, /'backends\/tencent': 'src\/backends\/tencent\/index\.ts'/);
    assert.match(config, /peerDependencies/, 'peers are external in the library build');
  });
});
