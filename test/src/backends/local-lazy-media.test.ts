// The local backend's WebRTC half (local-media.ts) is its own chunk (issue 14): LazyLocalMedia stands in for it
// until it arrives. Audio asked for before then waits for it; what was set meanwhile is handed over; an import that
// fails says 'failed' and is tried again while audio is still wanted.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { LazyLocalMedia } from '../../../src/backends/local/lazy-media.js';
import type { MediaConnectionState } from '../../../src/backends/room-backend.js';
import type { RtcRequest } from '../../../src/backends/local/protocol.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import { until } from '../../until.js';

const g = globalThis as { RTCPeerConnection?: unknown };
const had = 'RTCPeerConnection' in g;
const original = g.RTCPeerConnection;
const load = () => import('../../../src/backends/local/local-media.js');

describe('LazyLocalMedia: the WebRTC half on demand', () => {
  afterEach(() => {
    if (had) g.RTCPeerConnection = original;
    else delete g.RTCPeerConnection;
  });

  it('a connect() before the chunk arrived waits for it, then negotiates; volumes set meanwhile are handed over', async () => {
    // Only its presence matters: the offer is refused before a peer connection is made.
    g.RTCPeerConnection = class {};
    const offers: RtcRequest[] = [];
    const signal = async (request: RtcRequest) => {
      offers.push(request);
      throw new RoomError(ErrorCode.CONNECTION_LOST);
    };
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const media = new LazyLocalMedia(signal, { retry: { minMs: 60_000 } }, () => arrived.then(load));
    const states: MediaConnectionState[] = [];
    media.state$.subscribe((s) => states.push(s));
    media.setSeatVolume(2, 0);
    const connecting = media.connect();
    assert.deepEqual(states, ['idle', 'connecting']);
    assert.equal(offers.length, 0, 'no offer before the chunk');
    assert.equal(media.peerConnection, null);
    arrive();
    await assert.rejects(connecting, (e: RoomError) => e.code === ErrorCode.CONNECTION_LOST);
    assert.equal(offers.filter((o) => o.op === 'offer').length, 1, 'the offer went out once it was there');
    assert.equal(states.at(-1), 'failed');
    assert.equal(media.outputOf(2), null, 'no seat plays yet');
    await media.disconnect();
    assert.equal(states.at(-1), 'idle');
    media.dispose();
  });

  it('an import that fails once says failed, and is tried again while audio is wanted', async () => {
    delete g.RTCPeerConnection; // the real half then reports 'unsupported' at once, without a server
    let imports = 0;
    const media = new LazyLocalMedia(
      async () => undefined,
      { retry: { minMs: 50 } },
      () => (++imports === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load()),
    );
    const states: MediaConnectionState[] = [];
    media.state$.subscribe((s) => states.push(s));
    await assert.rejects(media.connect(), TypeError);
    assert.equal(states.at(-1), 'failed');
    await until(() => states.at(-1) === 'unsupported', 'the second import, and the real half answering');
    assert.equal(imports, 2);
    media.dispose();
  });

  it('stops trying once audio is no longer wanted', async () => {
    let imports = 0;
    const media = new LazyLocalMedia(
      async () => undefined,
      { retry: { minMs: 50 } },
      () => {
        imports++;
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      },
    );
    await assert.rejects(media.connect());
    await media.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(imports, 1);
    media.dispose();
  });

  it('a tab taken over while the chunk loads does not negotiate when it arrives, and does once taken back', async () => {
    g.RTCPeerConnection = class {};
    const offers: RtcRequest[] = [];
    // The signalling socket of a replaced tab refuses everything, as LocalBackend does.
    let replaced = false;
    const signal = async (request: RtcRequest) => {
      offers.push(request);
      throw new RoomError(replaced ? ErrorCode.SIGNED_IN_ELSEWHERE : ErrorCode.CONNECTION_LOST);
    };
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const media = new LazyLocalMedia(signal, { retry: { minMs: 20 } }, () => arrived.then(load));
    const states: MediaConnectionState[] = [];
    media.state$.subscribe((s) => states.push(s));
    const connecting = media.connect();
    replaced = true;
    media.suspend();
    arrive();
    await connecting;
    // Long enough for a negotiation and a few retries (20 ms apart) had they been started.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(offers.length, 0, 'no offer from the tab that was taken over');
    assert.equal(states.at(-1), 'idle');
    replaced = false;
    media.onReconnected();
    await until(() => offers.some((o) => o.op === 'offer'), 'taken back, it negotiates');
    media.dispose();
  });

  it('a tab taken over after the chunk failed to load tries it again once taken back', async () => {
    delete g.RTCPeerConnection; // the real half then reports 'unsupported' at once, without a server
    let imports = 0;
    const media = new LazyLocalMedia(
      async () => undefined,
      { retry: { minMs: 20 } },
      () => (++imports === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load()),
    );
    const states: MediaConnectionState[] = [];
    media.state$.subscribe((s) => states.push(s));
    await assert.rejects(media.connect(), TypeError);
    media.suspend();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(imports, 1, 'no retry while taken over');
    media.onReconnected();
    await until(() => states.at(-1) === 'unsupported', 'taken back: the chunk again, and the real half answering');
    assert.equal(imports, 2);
    media.dispose();
  });
});
