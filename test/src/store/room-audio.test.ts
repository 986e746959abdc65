// The store's audio rules over the memory backend with a fake microphone: the mic is opened before a seat is
// taken (and a refusal takes no seat), leaving the seat releases it, self-mute keeps the seat, and local listener
// mute / per-speaker volume stay in this client. Real audio is test/e2e/voice.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend } from '../../../src/backends/memory/index.js';
import { createMemoryServer } from '../../../src/backends/memory/memory-server.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import type { MicrophoneSource } from '../../../src/media/microphone.js';
import { MemoryMedia as MediaDouble } from '../../../src/backends/memory/memory-media.js';
import { RoomAudio } from '../../../src/store/room-audio.js';
import { setPhase, setSnapshot } from '../../../src/store/room-reducers.js';
import { type MicState, type Room, createRoom } from '../../../src/store/room.js';
import { Store } from '../../../src/store/store.js';
import type { Seat } from '../../../src/model/seat.js';
import { alice, liveAt, me, seat } from './fixtures.js';

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
    const media = guest.backend.media as MediaDouble;
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
    const media = host.backend.media as MediaDouble;
    assert.equal(media.volumes.get(1), 30);
    assert.equal(seatAudio()[1]!.volume, 30);
    host.setListenerMute(true);
    await settle();
    assert.ok(seatAudio().every((s) => s.volume === 0));
    assert.equal(media.volumes.get(0), 0);
    const guestMedia = guest.backend.media as MediaDouble;
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
    const report = (backend.media as MediaDouble).audio$ as unknown as {
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

describe('RoomAudio alone: the microphone and playback follow the state', () => {
  /** Room audio for `me` over the memory backend's media, live in a room where seats 0–7 are as `seats` say. */
  function audioIn(options: { connectsWithEnter?: boolean } = {}) {
    const store = new Store(liveAt(1));
    const media = Object.assign(new MediaDouble(), options);
    const mic = new FakeMic();
    const reported: unknown[] = [];
    const audio = new RoomAudio({ store, media, microphone: mic, userId: me.userId, report: (e) => reported.push(e) });
    const subscription = audio.follow();
    const seats = (...changed: Seat[]) => {
      const snapshot = store.value.snapshot!;
      const next = snapshot.seats.map((s) => changed.find((c) => c.index === s.index) ?? s);
      store.update(setSnapshot({ ...snapshot, seats: next }, 0));
    };
    return { store, media, mic, audio, reported, seats, subscription };
  }

  it('seated without a microphone: opens it once and publishes it; muted or locked: silent; unseated: released', async () => {
    const { store, media, mic, seats } = audioIn();
    seats(seat(3, me));
    await settle();
    assert.equal(mic.acquired, 1);
    assert.equal(media.published, mic.track);
    assert.deepEqual(store.value.audio.mic, { status: 'on' });
    seats(seat(3, me, { selfMuted: true }));
    await settle();
    assert.deepEqual(store.value.audio.mic, { status: 'muted', reason: 'self' });
    assert.equal(mic.track!.enabled, false);
    seats(seat(3, me, { selfMuted: true, audioLocked: true }));
    await settle();
    assert.deepEqual(store.value.audio.mic, { status: 'muted', reason: 'locked' });
    seats(seat(3, null));
    await settle();
    assert.deepEqual([mic.track, mic.released, media.published], [null, 1, null]);
    assert.equal(store.value.audio.mic.status, 'off');
    assert.equal(mic.acquired, 1, 'opened once');
  });

  it('plays each seat at my volume for its occupant, clamped to 0–100, and all at 0 while I muted listening', async () => {
    const { media, audio, seats } = audioIn();
    seats(seat(1, alice));
    audio.setSpeakerVolume(alice.userId, 140);
    await settle();
    assert.equal(media.volumes.get(1), 100);
    audio.setSpeakerVolume(alice.userId, 40.6);
    await settle();
    assert.equal(media.volumes.get(1), 41);
    seats(seat(1, null), seat(5, alice));
    await settle();
    assert.deepEqual([media.volumes.get(1), media.volumes.get(5)], [100, 41], 'the volume follows the person');
    const applied: number[] = [];
    const setSeatVolume = media.setSeatVolume.bind(media);
    media.setSeatVolume = (index, volume) => (applied.push(index), setSeatVolume(index, volume));
    seats(seat(2, me, { locked: true }));
    await settle();
    assert.deepEqual(applied, [], 'a change that moves no volume sets none');
    audio.setSpeakerVolume(alice.userId, -3);
    await settle();
    assert.deepEqual(applied, [5], 'only the seat whose volume moved');
    audio.setListenerMute(true);
    await settle();
    assert.ok([...media.volumes.values()].every((v) => v === 0));
  });

  it('another tab took over (displaced): the microphone is given back until then', async () => {
    const { store, mic, seats } = audioIn();
    seats(seat(3, me));
    await settle();
    store.update((s) => ({ ...s, displaced: true }));
    await settle();
    assert.deepEqual([mic.track, store.value.audio.mic.status], [null, 'off']);
  });

  it('out of the room (ended, kicked, left): audio stops once, microphone and transport', async () => {
    const { store, media, mic, seats } = audioIn();
    await media.connect();
    seats(seat(3, me));
    await settle();
    store.update(setPhase('kicked'));
    await settle();
    assert.deepEqual([mic.track, media.published], [null, null]);
    let disconnects = 0;
    media.disconnect = async () => void disconnects++;
    store.update(setPhase('ended'));
    await settle();
    assert.equal(disconnects, 0, 'stopped already');
  });

  it('with the join: connects early where the backend allows it, and takes it down if the join fails', async () => {
    const early = audioIn({ connectsWithEnter: true });
    const settleEarly = early.audio.enter();
    let state: string | undefined;
    early.media.state$.subscribe((s) => (state = s));
    assert.equal(state, 'connected', 'before the answer');
    await settleEarly(false);
    assert.equal(state, 'idle');

    const joined = audioIn({ connectsWithEnter: true });
    let connects = 0;
    const connect = joined.media.connect.bind(joined.media);
    joined.media.connect = () => (connects++, connect());
    await joined.audio.enter()(true);
    assert.equal(connects, 1, 'the early connection is the one kept');

    const late = audioIn();
    const settleLate = late.audio.enter();
    late.media.state$.subscribe((s) => (state = s));
    assert.equal(state, 'idle', 'not before the answer');
    await settleLate(true);
    assert.equal(state, 'connected');
  });

  it('a failed publish is reported; a backend without output choice says so', async () => {
    const { media, audio, reported, seats } = audioIn();
    const refusal = new RoomError(ErrorCode.UNKNOWN, 'no');
    media.publish = () => Promise.reject(refusal);
    seats(seat(3, me));
    await settle();
    assert.deepEqual(reported, [refusal]);
    await assert.rejects(
      audio.setOutputDevice('speakers'),
      (e: unknown) => e instanceof RoomError && e.code === ErrorCode.INVALID_PARAMETER,
    );
  });

  it('after close() the store is left alone', async () => {
    const { store, audio, mic, seats } = audioIn();
    audio.close();
    const before = store.value;
    seats(seat(3, me));
    await settle();
    assert.equal(store.value.audio, before.audio);
    assert.equal(mic.acquired, 0, 'no microphone opened for a closed room');
  });
});
