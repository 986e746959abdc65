/**
 * `npm run server`: the local room server on its own. Settings come from flags or VR_* variables (see
 * server/config.ts and the README); it prints the URL once it listens and stops cleanly on SIGINT/SIGTERM.
 */
import { createManualClock } from '../src/core.js';
import { join } from 'node:path';
import { startServer } from './app.js';
import { loadConfig } from './config.js';
import { DEFAULT_GIFT_CATALOG, giftAssetsCachedIn } from './gifts/catalog.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`voiceroom-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  // VR_TEST_CLOCK=1 runs on a clock that only POST /dev/clock moves: for the contract suite, never in production.
  const clock = process.env['VR_TEST_CLOCK'] === '1' ? createManualClock(Date.now()) : undefined;
  // Generated before listening (a few seconds on a fresh data directory, read from disk afterwards), so no
  // client ever waits on the rasterizer.
  const assets = config.demoGifts
    ? giftAssetsCachedIn(config.dataDir === ':memory:' ? null : join(config.dataDir, 'gift-assets'))
    : undefined;
  const server = await startServer(config, {
    ...(clock ? { clock } : {}),
    ...(assets ? { assets, defaultCatalog: DEFAULT_GIFT_CATALOG } : {}),
    // VR_SFU=0: signalling only, no WebRTC audio (rtc frames are refused).
    ...(process.env['VR_SFU'] === '0' ? { sfu: false as const } : {}),
  });
  process.stdout.write(`VoiceRoom server listening on ${server.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`voiceroom-server: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
