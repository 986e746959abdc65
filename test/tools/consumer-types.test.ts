// The kit's published typings as a consumer's compiler sees them (issue 16 §4): the declarations are built the way
// `npm run build` builds them (tsconfig.build.json), laid out as an installed package with only the packages the
// kit depends on beside it, and a small app that uses every public entry is type-checked with the strictest
// settings an app may have — `strict`, `exactOptionalPropertyTypes`, and `skipLibCheck: false`, so our .d.ts files
// are checked too, not only the app's use of them — under both module resolutions an app uses (Vite's `bundler`
// and Node's `NodeNext`). The published declarations carry no declaration maps: their sources are not shipped, so a
// map would send "go to definition" to files that do not exist.
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** A consumer app touching each entry: room API, core, the three backends, the elements and their events. */
const APP = `
import { ConnectionState, ErrorCode, type Room, type RoomBackend, RoomError, createRoom, seatActions, mapValues } from 'voiceroom-kit';
import { type RoomSnapshot, type RoomState, applyBatch, takeSeat, toSnapshot } from 'voiceroom-kit/core';
import { LocalBackend, createLocalBackend, type LocalBackendOptions } from 'voiceroom-kit/backends/local';
import { createMemoryBackend, createMemoryServer } from 'voiceroom-kit/backends/memory';
import { type TencentBackendOptions, createTencentBackend } from 'voiceroom-kit/backends/tencent';
import { VrRoom, VrSeatTakeEvent, setLocale } from 'voiceroom-kit/components';

const options: LocalBackendOptions = {
  url: 'http://127.0.0.1:8787',
  credentials: async () => ({ sdkAppId: 1400000000, userId: 'ann', userSig: 'sig' }),
  media: false,
};
const local: LocalBackend = createLocalBackend(options);
const port: RoomBackend = local;
const memory: RoomBackend = createMemoryBackend({ server: createMemoryServer() });
const tencentOptions: TencentBackendOptions = { credentials: async () => ({ sdkAppId: 1, userId: 'ann', userSig: 'sig' }) };
const tencent: RoomBackend = createTencentBackend(tencentOptions);

const room: Room = createRoom({ backend: port, roomId: 'friday', user: { userId: 'ann', userName: 'Ann', avatarUrl: '' } });
room.seats$.subscribe((seats) => seats.map((seat) => seat.user?.userName));
const started: Promise<unknown> = room.start({ roomName: 'Friday', seatMode: 'apply' }).then(() => room.takeSeat(3));
void started.catch((error: unknown) => error instanceof RoomError && error.code === ErrorCode.SEAT_OCCUPIED);

const element = document.createElement('vr-room');
const typed: VrRoom = element;
typed.room = room;
element.addEventListener('vr-seat-take', (event: VrSeatTakeEvent) => event.preventDefault());
void setLocale('zh-CN');

declare const state: RoomState;
const taken = takeSeat(state, { user: { userId: 'ann', userName: 'Ann', avatarUrl: '' } }, 1);
const reapplied: RoomSnapshot = applyBatch(toSnapshot(state), { roomId: 'friday', version: 2, events: [] });
void [taken, reapplied, memory, tencent, seatActions, mapValues, ConnectionState];
`;

/** Every package reachable from the kit's dependencies and peer dependencies, through their own dependencies. */
function runtimePackages(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const manifest = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return; // an optional dependency not installed here
    seen.add(name);
    const meta = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(meta.dependencies ?? {})) visit(dep);
  };
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) visit(name);
  return [...seen];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function diagnosticsText(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

describe("the kit's typings in a consumer's strict project", () => {
  let work: string;
  let installed: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'vr-consumer-'));
    installed = join(work, 'node_modules', 'voiceroom-kit');
    mkdirSync(installed, { recursive: true });
    // The declarations as `npm run build` emits them (tsconfig.build.json), only into this package's dist/types.
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.build.json'),
      { outDir: join(installed, 'dist', 'types') },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(diagnosticsText([d])),
      },
    );
    assert.ok(config);
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const emitted = program.emit();
    assert.deepEqual(
      diagnosticsText([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]),
      '',
      'the declarations build',
    );
    cpSync(join(root, 'package.json'), join(installed, 'package.json'));
    for (const name of runtimePackages()) {
      const target = join(work, 'node_modules', name);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(root, 'node_modules', name), target, 'dir');
    }
    writeFileSync(join(work, 'app.ts'), APP);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('emits no declaration maps (their sources are not shipped)', () => {
    const maps = filesUnder(join(installed, 'dist', 'types')).filter((f) => f.endsWith('.map'));
    assert.deepEqual(maps, []);
  });

  for (const [resolution, module] of [
    [ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
    [ts.ModuleResolutionKind.NodeNext, ts.ModuleKind.NodeNext],
  ] as const) {
    it(`type-check with strict, exactOptionalPropertyTypes and skipLibCheck: false (${ts.ModuleResolutionKind[resolution]})`, () => {
      writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
      const program = ts.createProgram({
        rootNames: [join(work, 'app.ts')],
        options: {
          target: ts.ScriptTarget.ES2022,
          lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
          module,
          moduleResolution: resolution,
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
      });
      // Ours and the app's. Another package's own typings are its business: the Tencent SDK's (the optional peer of
      // backends/tencent) fail skipLibCheck: false by themselves (an untyped trtc-cloud-js-sdk, implicit anys).
      // So only those files are checked (plus the program-wide diagnostics): checking every file and filtering after,
      // as before, also checked lib.dom.d.ts, lit's and rxjs's typings with skipLibCheck off, for nothing — about
      // 60 of this file's 86 CPU seconds. What a file's own check reports about it is the same either way.
      const app = join(work, 'app.ts');
      const ours = program.getSourceFiles().filter((f) => f.fileName === app || f.fileName.startsWith(installed));
      const diagnostics = [
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...ours.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
      ];
      assert.equal(diagnosticsText(diagnostics), '');
      // The app really resolved the kit's declarations, not something else that happens to type-check.
      const kitFiles = program.getSourceFiles().filter((f) => f.fileName.startsWith(installed));
      assert.ok(
        kitFiles.some((f) => f.fileName.endsWith('dist/types/components/index.d.ts')),
        'components typings loaded',
      );
    });
  }
});
