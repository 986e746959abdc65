// The store's audio rules over the memory backend with a fake microphone: the mic is opened before a seat is
// taken (and a refusal takes no seat), leaving the seat releases it, self-mute keeps the seat, and local listener
// mute / per-speaker volume stay in this client. Real audio is test/e2e/voice.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend } from '../../../src/backends/memory/index.js';
import { createMemoryServer } from '../../../src/backends/memory/memory-server.js';
import type { MemoryMedia } from '../../../src/backends/memory/memory-media.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { MicrophoneSource } from '../../../src/media/microphone.js';
import { type MicState, type Room, createRoom } from '../../../src/store/room.js';

class FakeMic implements MicrophoneSource {
  track: MediaStreamTrack | null = null;
  acquired = 0;
  released = 0;
  failWith: RoomError | null = null;
  async acquire(): Promise<MediaStreamTrack> {
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    this.acquired += 1;
    this.track = { enabled: true, readyState: 'live', stop() {} } as unknown as MediaStreamTrack;
    return this.track;
  }
  release(): void {
    if (this.track) this.released += 1;
    this.track = null;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 5));

function pair(): { host: Room; guest: Room; mic: FakeMic } {
  const server = createMemoryServer();
  const mic = new FakeMic();
  const host = createRoom({
    backend: createMemoryBackend({ server }),
    roomId: 'a1',
    user: { userId: 'h', userName: 'H', avatarUrl: '' },
    microphone: null,
  });
  const guest = createRoom({
    backend: createMemoryBackend({ server }),
    roomId: 'a1',
    user: { userId: 'g', userName: 'G', avatarUrl: '' },
    microphone: mic,
  });
  return { host, guest, mic };
}

function latest<T>(room: Room, pick: (r: Room) => import('rxjs').Observable<T>): () => T {
  let value!: T;
  pick(room).subscribe((v) => (value = v));
  return () => value;
}

describe('Room store: audio', () => {
  it('opens the microphone before taking a seat, publishes it, and releases it when leaving the seat', async () => {
    const { host, guest, mic } = pair();
    await host.start({ seatMode: 'free' });
    await guest.join();
    const micState = latest<MicState>(guest, (r) => r.mic$);
    const media = guest.backend.media as MemoryMedia;
    await guest.takeSeat(2);
    await settle();
    assert.equal(mic.acquired, 1);
    assert.equal(micState().status, 'on');
    assert.equal(media.published, mic.track);

    await guest.setSelfMute(true);
    await settle();
    assert.deepEqual(micState(), { status: 'muted', reason: 'self' });
    assert.equal(mic.track!.enabled, false, 'muted track sends silence');
    assert.equal(guest.state.snapshot!.seats[2]!.user?.userId, 'g', 'self-mute keeps the seat');
    await guest.setSelfMute(false);
    await host.lockSeatAudio(2, true);
    await settle();
    assert.deepEqual(micState(), { status: 'muted', reason: 'locked' });
    await host.lockSeatAudio(2, false);

    await guest.leaveSeat();
    await settle();
    assert.equal(mic.released, 1);
    assert.equal(mic.track, null);
    assert.equal(media.published, null);
    assert.equal(micState().status, 'off');
  });

  it('a refused microphone takes no seat and says why', async () => {
    const { host, guest, mic } = pair();
    await host.start({ seatMode: 'free' });
    await guest.join();
    const errors: number[] = [];
    guest.error$.subscribe((e) => errors.push(e.code));
    mic.failWith = new RoomError(ErrorCode.MIC_NOT_AUTHORIZED, 'Microphone access was denied');
    await assert.rejects(
      guest.takeSeat(3),
      (e: unknown) => e instanceof RoomError && e.code === ErrorCode.MIC_NOT_AUTHORIZED,
    );
    await settle();
    assert.equal(host.state.snapshot!.seats[3]!.user, null);
    const state = latest<MicState>(guest, (r) => r.mic$)();
    assert.equal(state.status, 'error');
    assert.equal(state.error?.code, ErrorCode.MIC_NOT_AUTHORIZED);
    assert.deepEqual(errors, [ErrorCode.MIC_NOT_AUTHORIZED]);
  });

  it('a failed take (seat occupied) gives the microphone back', async () => {
    const { host, guest, mic } = pair();
    await host.start({ seatMode: 'free' });
    await guest.join();
    await assert.rejects(guest.takeSeat(0));
    await settle();
    assert.equal(mic.acquired, 1);
    assert.equal(mic.track, null);
  });

  it('per-seat audio, levels for every seat, and local listener mute / speaker volume stay in this client', async () => {
    const { host, guest } = pair();
    await host.start({ seatMode: 'free' });
    await guest.join();
    await guest.takeSeat(1);
    const seatAudio = latest(host, (r) => r.seatAudio$);
    const levels = latest(host, (r) => r.levels$);
    await settle();
    assert.equal(levels().length, host.state.snapshot!.seats.length);
    assert.deepEqual(
      seatAudio()
        .slice(0, 3)
        .map((s) => [s.userId, s.hasAudio, s.volume]),
      [
        ['h', true, 100],
        ['g', true, 100],
        [null, false, 100],
      ],
    );
    host.setSpeakerVolume('g', 30);
    host.setListenerMute(false);
    await settle();
    const media = host.backend.media as MemoryMedia;
    assert.equal(media.volumes.get(1), 30);
    assert.equal(seatAudio()[1]!.volume, 30);
    host.setListenerMute(true);
    await settle();
    assert.ok(seatAudio().every((s) => s.volume === 0));
    assert.equal(media.volumes.get(0), 0);
    const guestMedia = guest.backend.media as MemoryMedia;
    assert.notEqual(guestMedia.volumes.get(1), 0, 'the other client is unaffected');
    await host.lockSeatAudio(1, true);
    await settle();
    assert.deepEqual([seatAudio()[1]!.hasAudio, seatAudio()[1]!.audioLocked], [false, true]);
  });
});

describe('speaking levels during an outage', () => {
  it('are cleared when the connection drops, so no seat keeps speaking without audio', async () => {
    const server = createMemoryServer();
    const backend = createMemoryBackend({ server });
    const host = createRoom({
      backend,
      roomId: 'out',
      user: { userId: 'h', userName: 'H', avatarUrl: '' },
      microphone: null,
    });
    await host.start({ roomName: 'Outage' });
    const report = (backend.media as MemoryMedia).audio$ as unknown as {
      next(r: { levels: Record<number, number>; active: null }): void;
    };
    report.next({ levels: { 0: 72 }, active: null });
    assert.equal(host.state.audio.levels[0], 72);
    backend.drop();
    await settle();
    assert.equal(host.state.connection, 'reconnecting');
    assert.deepEqual(host.state.audio.levels, {}, 'no stale speaking level while offline');
    host.dispose();
    await backend.close();
    server.stop();
  });
});
