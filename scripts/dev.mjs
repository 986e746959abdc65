#!/usr/bin/env node
// `npm run dev`: the Vite dev server (live reload, sources served as they are) with a local room server behind it,
// so /demo/ signs in, lists rooms and shows avatars as under `npm start`. The room server runs with the dev signer
// on VR_PORT (default 8787) and lets the Vite origin open WebSockets; Vite (port 5173) proxies /ws, /v4, /dev and
// /gifts to it (vite.config.ts, VR_DEV_PROXY). Ctrl-C stops both. /demo/playground.html needs no server.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
// The server workspace's `voiceroom-server` bin (server/package.json), what `npm run server` runs.
const SERVER_BIN = fileURLToPath(new URL('../server/bin/voiceroom-server.mjs', import.meta.url));

ensureDependencies();

const port = process.env.VR_PORT ?? '8787';
const vitePort = process.env.VITE_PORT ?? '5173';
const roomServer = `http://127.0.0.1:${port}`;
const children = [
  spawn(process.execPath, [SERVER_BIN], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      VR_HOST: '127.0.0.1',
      VR_PORT: port,
      VR_DATA_DIR: process.env.VR_DATA_DIR ?? '.vr-data',
      VR_DEV_SIGNER: process.env.VR_DEV_SIGNER ?? '1',
      // Browsers send the Vite page's origin on the proxied WebSocket handshake; the room server's own origin stays allowed.
      VR_ALLOWED_ORIGINS:
        process.env.VR_ALLOWED_ORIGINS ??
        [`http://127.0.0.1:${vitePort}`, `http://localhost:${vitePort}`, roomServer, `http://localhost:${port}`].join(
          ',',
        ),
    },
  }),
  spawn(bin('vite'), ['--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', vitePort, '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VR_DEV_PROXY: roomServer },
  }),
];
console.log(`npm run dev: the demo at http://127.0.0.1:${vitePort}/demo/ (room server ${roomServer})`);

let stopping = false;
const stop = (signal, code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.on('exit', r))))).then(
    () => process.exit(code),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// One of them ending (a port in use, a crash) ends the other: a dev server without its room server is the bug this fixes.
for (const child of children) child.on('exit', (code) => stop('SIGTERM', code ?? 1));
