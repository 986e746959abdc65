// A failed audio negotiation is not left silent: LocalMedia reports 'failed' and negotiates again after a growing
// back-off while the room still wants audio, and stops trying once it does not (disconnect).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { LocalMedia } from '../../../src/backends/local/local-media.js';
import type { MediaConnectionState } from '../../../src/backends/room-backend.js';
import type { RtcRequest } from '../../../src/backends/local/protocol.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import { until } from '../../until.js';

const g = globalThis as { RTCPeerConnection?: unknown };
const had = 'RTCPeerConnection' in g;
const original = g.RTCPeerConnection;

describe('LocalMedia: failed negotiations are retried with back-off', () => {
  afterEach(() => {
    if (had) g.RTCPeerConnection = original;
    else delete g.RTCPeerConnection;
  });

  it('retries after 100, 200, 400 ms…, says failed meanwhile, and stops on disconnect', async () => {
    // Only its presence matters: the offer is refused before a peer connection is made.
    g.RTCPeerConnection = class {};
    const offers: number[] = [];
    const signal = async (request: RtcRequest) => {
      if (request.op === 'offer') offers.push(Date.now());
      throw new RoomError(ErrorCode.CONNECTION_LOST);
    };
    const media = new LocalMedia(signal, { retry: { minMs: 100, maxMs: 1_000 } });
    const states: MediaConnectionState[] = [];
    media.state$.subscribe((s) => states.push(s));
    await assert.rejects(media.connect());
    assert.equal(states.at(-1), 'failed');
    await until(() => offers.length >= 4, 'three retries');
    const gaps = offers.slice(1).map((t, i) => t - offers[i]!);
    // Lower bounds only: a loaded machine makes timers late, never early.
    for (const [i, gap] of gaps.slice(0, 3).entries())
      assert.ok(gap >= 100 * 2 ** i - 5, `back-off doubles: ${gaps.join(', ')} ms`);
    await media.disconnect();
    const count = offers.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(offers.length, count, 'no retry once audio is not wanted');
    media.dispose();
  });
});
