// The Tencent backend's audio port: a Tencent room shows the same voice state in the store as a local one. TRTC's
// volume evaluation becomes per-seat speaking levels, remote audio availability the seats that can be heard,
// AUTOPLAY_FAILED the blocked state `enableSound()` resumes, and the store's microphone track is what TRTC
// publishes (custom capture), never a second microphone TRTC opens by itself.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Observable } from 'rxjs';
import type { MicrophoneSource } from '../../../src/media/microphone.js';
import type { UserInfo } from '../../../src/model/user.js';
import type { Room } from '../../../src/store/room.js';
import { type TencentHarness, makeTencentHarness, until } from '../../contract/tencent-harness.js';

class FakeMic implements MicrophoneSource {
  track: MediaStreamTrack | null = null;
  async acquire(): Promise<MediaStreamTrack> {
    await Promise.resolve();
    this.track ??= { enabled: true, readyState: 'live', kind: 'audio', stop() {} } as unknown as MediaStreamTrack;
    return this.track;
  }
  release(): void {
    this.track = null;
  }
}

let seq = 0;
const person = (name: string): UserInfo => ({ userId: `${name}-m${++seq}`, userName: name, avatarUrl: '' });


function latest<T>(source$: Observable<T>): () => T {
  let value!: T;
  source$.subscribe((v) => (value = v));
  return () => value;
}

describe('tencent backend: the store audio port over TRTC', () => {
  let h: TencentHarness;
  let owner: Room;
  let speaker: Room;
  let listener: Room;
  let mic: FakeMic;

  beforeEach(async () => {
    h = await makeTencentHarness();
    owner = await h.clientWith(person('owner'), { microphone: null });
    await owner.start({ roomName: 'Voice', seatMode: 'free', seatCount: 6 });
    mic = new FakeMic();
    speaker = await h.clientWith(person('speaker'), { microphone: mic });
    await speaker.join();
    listener = await h.client(person('listener'));
    await listener.join();
  });
  afterEach(() => h.close());

  it("the store's microphone track is what TRTC publishes; nothing is captured before the seat's track exists", async () => {
    await speaker.takeSeat(3);
    const trtc = () => h.trtcCloud.client(speaker.user.userId);
    await until(() => trtc()?.publishing === true, 'the speaker publishes');
    assert.equal(trtc()!.audioTrack, mic.track, 'TRTC publishes the store track (custom capture)');
    const starts = h.trtcCloud.calls.filter((c) => c.user === speaker.user.userId && c.api === 'startLocalAudio');
    assert.equal(starts.length, 1, 'one start');
    assert.equal((starts[0]!.args as { option?: { audioTrack?: unknown } }).option?.audioTrack, mic.track, 'started with the track: TRTC never opened its own microphone');
    // The store's mute reaches TRTC and the listeners.
    await speaker.setSelfMute(true);
    await until(() => trtc()!.muted, 'TRTC is muted');
  });

  it('the owner, seated at start before the microphone opened, waits for its track instead of letting TRTC capture', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = new FakeMic();
    const acquire = slow.acquire.bind(slow);
    slow.acquire = async () => {
      await gate;
      return acquire();
    };
    const host = await h.clientWith(person('host'), { microphone: slow }, `${h.roomId}-slow`);
    await host.start({ roomName: 'Slow mic', seatMode: 'free', seatCount: 4 });
    const trtc = () => h.trtcCloud.client(host.user.userId);
    await until(() => trtc()?.role === 'anchor', 'the seated owner is an anchor');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(h.trtcCloud.calls.filter((c) => c.user === host.user.userId && c.api === 'startLocalAudio').length, 0, 'no capture without the store track');
    open();
    await until(() => trtc()?.publishing === true, 'publishing once the microphone is open');
    assert.equal(trtc()!.audioTrack, slow.track);
  });

  it('levels, audible seats and per-speaker volume on a listener', async () => {
    await speaker.takeSeat(3);
    const seatAudio = latest(listener.seatAudio$);
    const levels = latest(listener.levels$);
    await until(() => seatAudio()[3]?.hasAudio === true, 'the listener hears seat 3');
    h.trtcCloud.client(listener.user.userId)!.volumes([{ userId: speaker.user.userId, volume: 64 }, { userId: owner.user.userId, volume: 0 }]);
    await until(() => levels()[3] === 64, 'seat 3 speaks at 64');
    assert.equal(levels()[0], 0, 'the silent owner on seat 0');

    listener.setSpeakerVolume(speaker.user.userId, 30);
    await until(() => h.trtcCloud.client(listener.user.userId)!.remoteVolumes.get(speaker.user.userId) === 30, 'TRTC plays the speaker at 30');

    await speaker.setSelfMute(true);
    await until(() => seatAudio()[3]?.hasAudio === false, 'a muted speaker is not heard');
    await speaker.leaveSeat();
    await until(() => h.trtcCloud.client(speaker.user.userId)?.publishing === false, 'the speaker stops publishing');
  });

  it('a blocked autoplay shows as blocked and enableSound() resumes it', async () => {
    const audio = latest(listener.audio$);
    await until(() => h.trtcCloud.client(listener.user.userId) !== undefined, 'the listener is in the TRTC room');
    const blocked = h.trtcCloud.client(listener.user.userId)!.blockAutoplay(owner.user.userId);
    await until(() => audio().autoplay === 'blocked', 'the store says blocked');
    await listener.enableSound();
    assert.equal(blocked.resumed, true, "TRTC's resume() ran");
    assert.equal(audio().autoplay, 'playing');
  });

  it('the transport state follows TRTC', async () => {
    const audio = latest(listener.audio$);
    await until(() => audio().connection === 'connected', 'connected');
    h.trtcCloud.client(listener.user.userId)!.connection('RECONNECTING');
    await until(() => audio().connection === 'connecting', 'reconnecting shows as connecting');
    h.trtcCloud.client(listener.user.userId)!.connection('RECONNECTED');
    await until(() => audio().connection === 'connected', 'connected again');
  });
});
