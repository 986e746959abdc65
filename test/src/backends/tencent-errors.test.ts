// Tencent error mapping: vendor codes (TRTC RtcError code/extraCode, Chat {code}, KICKED_OUT reasons) become the
// kit's ErrorCodes, and the backend reacts to them as a user would notice (sign-in retried once with fresh
// credentials, audio errors and autoplay reported on audio$). SDKs are the doubles: nothing contacts the network.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ChatSdk, type TencentAudioEvent, type TrtcFactory, createTencentBackend, fromChatError, fromChatKickedOut, fromTrtcError, fromTrtcKickedOut,
} from '../../../src/backends/tencent/index.js';
import { createManualClock } from '../../../src/model/clock.js';
import { ErrorCode, RoomError } from '../../../src/model/errors.js';
import { ChatCloud, doubleUserSig } from '../../doubles/tencent/chat-double.js';
import { TrtcCloud } from '../../doubles/tencent/trtc-double.js';
import { until } from '../../until.js';

const APP = 1400000001;

describe('Tencent error mapping', () => {
  it('auth failures: expired, invalid and mismatched signatures are NOT_LOGGED_IN; a suspended service is PERMISSION_DENIED', () => {
    for (const code of [70001, 70002, 70003, 70009, 70013, 70014, -8, 6206]) assert.equal(fromChatError({ code, message: 'x' }).code, ErrorCode.NOT_LOGGED_IN, `chat ${code}`);
    for (const extra of [70001, 70003, -100018]) assert.equal(fromTrtcError({ code: 5400, extraCode: extra, message: 'x' }).code, ErrorCode.NOT_LOGGED_IN, `trtc ${extra}`);
    assert.match(fromChatError({ code: 70001, message: '' }).message, /expired/);
    assert.equal(fromChatError({ code: 10006, message: '' }).code, ErrorCode.PERMISSION_DENIED);
    assert.equal(fromTrtcError({ code: 5400, extraCode: -100013, message: '' }).code, ErrorCode.PERMISSION_DENIED);
  });

  it('group and message errors: missing room, taken ID, muted, rate limits, permission', () => {
    assert.equal(fromChatError({ code: 10010, message: '' }).code, ErrorCode.ROOM_NOT_FOUND);
    assert.equal(fromChatError({ code: 10015, message: '' }).code, ErrorCode.ROOM_NOT_FOUND);
    assert.equal(fromChatError({ code: 10021, message: '' }).code, ErrorCode.ROOM_EXISTS);
    assert.equal(fromChatError({ code: 10017, message: '' }).code, ErrorCode.MEMBER_MUTED);
    assert.equal(fromChatError({ code: 8511, message: '' }).code, ErrorCode.RATE_LIMITED);
    assert.equal(fromChatError({ code: 10049, message: '' }).code, ErrorCode.RATE_LIMITED);
    assert.equal(fromChatError({ code: 10007, message: '' }).code, ErrorCode.PERMISSION_DENIED);
    assert.equal(fromChatError({ code: 6014, message: '' }).code, ErrorCode.NOT_LOGGED_IN);
    assert.equal(fromChatError(new Error('boom')).code, ErrorCode.UNKNOWN);
    const kept = new RoomError(ErrorCode.SEAT_LOCKED);
    assert.equal(fromChatError(kept), kept, 'a RoomError passes through');
  });

  it('kicked-out reasons: TRTC kick/banned/room_disband and Chat multipleAccount/userSigExpired/REST kick', () => {
    assert.equal(fromTrtcKickedOut('kick').code, ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(fromTrtcKickedOut('banned').code, ErrorCode.MEMBER_BANNED);
    assert.equal(fromTrtcKickedOut('room_disband').code, ErrorCode.ROOM_ENDED);
    assert.equal(fromTrtcKickedOut('something-new').code, ErrorCode.CONNECTION_LOST);
    assert.equal(fromChatKickedOut('multipleAccount').code, ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(fromChatKickedOut('multipleDevice').code, ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(fromChatKickedOut('userSigExpired').code, ErrorCode.NOT_LOGGED_IN);
    assert.equal(fromChatKickedOut('REST_API_Kick').code, ErrorCode.NOT_LOGGED_IN);
  });

  it('device errors: not found, denied, busy, other; unsupported environments and failed connections', () => {
    const device = (extraCode: number) => fromTrtcError({ code: 5300, extraCode, message: '' }).code;
    assert.equal(device(5301), ErrorCode.MIC_NOT_FOUND);
    assert.equal(device(5302), ErrorCode.MIC_NOT_AUTHORIZED);
    assert.equal(device(5306), ErrorCode.MIC_NOT_AUTHORIZED);
    assert.equal(device(5303), ErrorCode.MIC_BUSY);
    for (const extra of [5304, 5305, 5307, 5309]) assert.equal(device(extra), ErrorCode.MIC_OPEN_FAILED, `extra ${extra}`);
    assert.equal(fromTrtcError({ code: 5200, extraCode: 5201, message: '' }).code, ErrorCode.NO_AV_PERMISSION);
    assert.equal(fromTrtcError({ code: 5500, extraCode: 5501, message: '' }).code, ErrorCode.CONNECTION_LOST);
    assert.equal(fromTrtcError({ code: 5100, extraCode: 5101, message: '' }).code, ErrorCode.NOT_IN_ROOM);
    assert.equal(fromTrtcError({ code: 5998, message: '' }).code, ErrorCode.REPEATED_OPERATION);
    assert.equal(fromTrtcError({ code: 5999, message: '' }).code, ErrorCode.UNKNOWN);
  });
});

function setup(options: { expiredFirst?: boolean } = {}) {
  const clock = createManualClock();
  const chat = new ChatCloud(clock, APP);
  const trtc = new TrtcCloud(clock, APP);
  const audio: TencentAudioEvent[] = [];
  let credentialCalls = 0;
  const make = (userId: string) => {
    const backend = createTencentBackend({
      credentials: async () => {
        credentialCalls += 1;
        const expired = options.expiredFirst && credentialCalls === 1;
        return { sdkAppId: APP, userId, userSig: doubleUserSig(APP, userId, expired ? clock.now() - 1 : clock.now() + 3_600_000) };
      },
      sdk: {
        chat: async (): Promise<ChatSdk> => ({ TencentCloudChat: chat.factory(), modules: { 'group-module': {} } }),
        trtc: async () => trtc.factory() as unknown as TrtcFactory,
      },
      clock,
    });
    backend.audio$.subscribe((e) => audio.push(e));
    return backend;
  };
  return { clock, chat, trtc, audio, make, credentialCalls: () => credentialCalls };
}

describe('Tencent backend reactions', () => {
  it('an expired UserSig at sign-in fetches credentials once more and signs in', async () => {
    const t = setup({ expiredFirst: true });
    const backend = t.make('owner1');
    await backend.connect({ userId: 'owner1', userName: 'Owner', avatarUrl: '' });
    assert.equal(t.credentialCalls(), 2, 'the provider was asked again after 70001');
    await backend.close();
  });

  it('credentials that stay invalid reject with NOT_LOGGED_IN', async () => {
    const clock = createManualClock();
    const chat = new ChatCloud(clock, APP);
    const backend = createTencentBackend({
      credentials: async () => ({ sdkAppId: APP, userId: 'u1', userSig: doubleUserSig(APP, 'someone-else', clock.now() + 1_000_000) }),
      sdk: { chat: async () => ({ TencentCloudChat: chat.factory(), modules: { 'group-module': {} } }) },
      clock,
    });
    await assert.rejects(backend.connect({ userId: 'u1', userName: 'U', avatarUrl: '' }), (e: RoomError) => e.code === ErrorCode.NOT_LOGGED_IN);
  });

  it('a seated owner publishes as anchor; AUTOPLAY_FAILED, KICKED_OUT and device errors reach audio$ mapped', async () => {
    const t = setup();
    const owner = t.make('owner2');
    await owner.connect({ userId: 'owner2', userName: 'Owner', avatarUrl: '' });
    await owner.send('room.start', { roomId: 'errors-room', options: { seatMode: 'free' } });
    await until(() => t.trtc.client('owner2')?.publishing === true, 'the owner publishes');
    const client = t.trtc.client('owner2')!;
    const calls = t.trtc.calls.filter((c) => c.user === 'owner2').map((c) => c.api);
    assert.deepEqual(calls.slice(0, 4), ['enterRoom', 'enableAudioVolumeEvaluation', 'switchRole', 'startLocalAudio'], 'audience first, then anchor + publish');
    assert.equal(t.trtc.calls.find((c) => c.api === 'enterRoom')?.args && (t.trtc.calls.find((c) => c.api === 'enterRoom')!.args as { role: string }).role, 'audience');

    await owner.send('seat.selfMute', { muted: true });
    await until(() => client.muted, 'self-mute reaches updateLocalAudio');

    client.volumes([{ userId: '', volume: 40 }, { userId: 'someone', volume: 80 }]);
    const levels = t.audio.find((e) => e.type === 'levels');
    assert.ok(levels?.type === 'levels');
    // Keyed by user ID in a null-prototype record (a user may be called `__proto__`).
    assert.deepEqual({ ...levels.levels }, { owner2: 0.4, someone: 0.8 });

    const blocked = client.blockAutoplay('someone');
    const autoplay = t.audio.find((e) => e.type === 'autoplay-blocked');
    assert.ok(autoplay && autoplay.type === 'autoplay-blocked' && autoplay.userId === 'someone');
    await autoplay.resume();
    assert.equal(blocked.resumed, true, 'resume() resumes the SDK playback');

    client.fail(5300, 5303);
    const error = t.audio.find((e) => e.type === 'error');
    assert.ok(error && error.type === 'error' && error.error.code === ErrorCode.MIC_BUSY);

    client.kickOut('kick');
    const kicked = t.audio.find((e) => e.type === 'kicked');
    assert.ok(kicked && kicked.type === 'kicked' && kicked.error.code === ErrorCode.SIGNED_IN_ELSEWHERE);
    await owner.close();
  });

  it('a microphone the browser refuses is reported as MIC_NOT_AUTHORIZED while the seat is kept', async () => {
    const t = setup();
    t.trtc.micFailures.set('owner3', 5302);
    const owner = t.make('owner3');
    await owner.connect({ userId: 'owner3', userName: 'Owner', avatarUrl: '' });
    const { result } = await owner.send('room.start', { roomId: 'mic-room', options: {} });
    assert.equal(result.seats[0]?.user?.userId, 'owner3');
    await until(() => t.audio.some((e) => e.type === 'error'), 'the device error is reported');
    const error = t.audio.find((e) => e.type === 'error');
    assert.ok(error?.type === 'error' && error.error.code === ErrorCode.MIC_NOT_AUTHORIZED);
    await owner.close();
    const apis = t.trtc.calls.filter((c) => c.user === 'owner3').map((c) => c.api);
    assert.equal(apis.filter((a) => a === 'enterRoom').length, apis.filter((a) => a === 'exitRoom').length, 'exitRoom paired with enterRoom');
  });

  it('the owner mirrors the seat table into group attributes within Chat limits', async () => {
    const t = setup();
    const owner = t.make('owner4');
    await owner.connect({ userId: 'owner4', userName: 'Owner', avatarUrl: '' });
    await owner.send('room.start', { roomId: 'attr-room', options: { seatCount: 20 } });
    const group = t.chat.groups.get('attr-room')!;
    const meta = JSON.parse(group.attributes.get('vr:meta')!) as { version: number; owner: string };
    assert.equal(meta.owner, 'owner4');
    for (let i = 1; i < 8; i++) await owner.send('seat.lock', { index: i, locked: true });
    t.clock.advance(1_000);
    await until(() => (JSON.parse(group.attributes.get('vr:meta')!) as { version: number }).version === owner.authorityState!.version, 'the latest version is written');
    assert.ok(t.chat.calls.filter((c) => c.api === 'setGroupAttributes').length <= 2, 'writes are coalesced (Chat allows 10 per 5 s)');
    await owner.close();
  });
});
