// The RoomEngine error table: every failure the engine (and Chat and TRTC beneath it) can reject with becomes a kit
// RoomError that keeps the vendor's message and code. The rejections are built as the SDK builds them (its
// `TUIError extends Error` with `code` and `name: ''`, the gift manager's plain `{ code, message }`, TRTC's RtcError
// with `extraCode`); nothing here loads the SDK.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccountCode,
  ChatClientCode,
  ChatServerCode,
  EngineErrorCode,
  EngineServerCode,
  TrtcCloudCode,
  TrtcErrorCode,
  VENDOR_ERRORS,
  VENDOR_ERROR_ROWS,
  fromEngineError,
  fromKickedOutOfRoom,
  fromRoomDismissed,
  needsFreshCredentials,
  vendorCodeOf,
} from '../../../src/backends/tencent/engine-errors.js';
import { ErrorCode, RoomError, errorMessage, isErrorCode } from '../../../src/model/errors.js';

/** What the engine rejects with: `class Cq extends Error { code; message; name = '' }` (index.esm.js). */
class TUIError extends Error {
  code: number;
  constructor({ code, message, name }: { code: number; message?: string; name?: string }) {
    super(message);
    this.code = code;
    this.message = message as string;
    this.name = name ?? '';
  }
}

const engine = (code: number, message = '') => new TUIError({ code, message });
const kit = (error: unknown) => fromEngineError(error).code;

describe('RoomEngine error table', () => {
  it('lists every vendor code once, and each maps to a documented kit code', () => {
    assert.equal(VENDOR_ERRORS.size, VENDOR_ERROR_ROWS.length, 'a vendor code is listed twice');
    for (const [vendor, mapping] of VENDOR_ERRORS) {
      assert.ok(isErrorCode(mapping.code), `${vendor} → ${mapping.code} is not a kit ErrorCode`);
      assert.equal(fromEngineError(engine(vendor)).code, mapping.code, `${vendor} round trip`);
    }
  });

  it('maps every engine TUIErrorCode in the table to a defined kit code, and leaves only the ones with no kit meaning out', () => {
    const engineRows = [...VENDOR_ERRORS].filter(([, m]) => m.source === 'engine');
    assert.ok(engineRows.length >= 70, `only ${engineRows.length} engine rows`);
    for (const [vendor, m] of engineRows) assert.ok(isErrorCode(m.code), `engine ${vendor}`);
    // The mirror is a plain object at run time (no reverse mapping), so its entries are name → number.
    const left = (Object.entries(EngineErrorCode) as [string, number][])
      .filter(([, v]) => !VENDOR_ERRORS.has(v))
      .map(([k]) => k)
      .sort();
    // Camera, screen share, HEVC, preload, calls, co-hosting/battles and stream mixing: nothing a voice room shows.
    for (const name of left) {
      assert.match(
        name,
        /^ERR_(SUCC|FAILED|CAMERA|OPEN_CAMERA|OPEN_SCREEN|GET_SCREEN|START_SCREEN|LIVE_NO_AVAILABLE_HEVC|ROOM_NOT_SUPPORT_PRELOADING|CALL_IN_PROGRESS|ROOM_ALREADY_CONNECTED|ROOM_CONNECTED_IN_OTHER|MAX_CONNECTED_COUNT|BATTLE|ROOM_BATTLEID|MIX_STREAM|PUBLISH_STREAM)/,
        `${name} has no mapping`,
      );
    }
  });

  it('seats: occupied, locked, all occupied, not on a seat, already on a seat, queue, no such seat, seat count', () => {
    assert.equal(kit(engine(EngineErrorCode.ERR_SEAT_OCCUPIED)), ErrorCode.SEAT_OCCUPIED);
    assert.equal(kit(engine(EngineServerCode.SEAT_TAKEN)), ErrorCode.SEAT_OCCUPIED);
    assert.equal(kit(engine(EngineErrorCode.ERR_SEAT_LOCKED)), ErrorCode.SEAT_LOCKED);
    assert.equal(kit(engine(EngineErrorCode.ERR_ALL_SEAT_OCCUPIED)), ErrorCode.SEATS_FULL);
    assert.equal(kit(engine(EngineErrorCode.ERR_USER_NOT_IN_SEAT)), ErrorCode.NOT_ON_SEAT);
    assert.equal(kit(engine(EngineErrorCode.ERR_ALREADY_IN_SEAT)), ErrorCode.ALREADY_ON_SEAT);
    assert.equal(kit(engine(EngineServerCode.ALREADY_IN_SEAT_QUEUE)), ErrorCode.ALREADY_QUEUED);
    assert.equal(kit(engine(EngineServerCode.NOT_IN_SEAT_QUEUE)), ErrorCode.NOT_IN_QUEUE);
    assert.equal(kit(engine(EngineErrorCode.ERR_SEAT_INDEX_NOT_EXIST)), ErrorCode.SEAT_NOT_FOUND);
    assert.equal(kit(engine(EngineErrorCode.ERR_MAX_SEAT_COUNT_LIMIT)), ErrorCode.SEAT_COUNT_LIMIT);
    assert.equal(kit(engine(EngineErrorCode.ERR_SEAT_NOT_SUPPORT_LINK_MIC)), ErrorCode.SEATS_DISABLED);
    assert.equal(kit(engine(EngineErrorCode.ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK)), ErrorCode.SEAT_AUDIO_LOCKED);
  });

  it('permissions: denied, owner needed, owner or admin needed, request permission', () => {
    assert.equal(kit(engine(EngineErrorCode.ERR_NO_PERMISSION)), ErrorCode.PERMISSION_DENIED);
    assert.equal(kit(engine(EngineErrorCode.ERR_NEED_OWNER_PERMISSION)), ErrorCode.OWNER_REQUIRED);
    assert.equal(kit(engine(EngineErrorCode.ERR_DESTROY_ROOM_NO_PERMISSION)), ErrorCode.OWNER_REQUIRED);
    assert.equal(kit(engine(EngineErrorCode.ERR_NEED_ADMIN_PERMISSION)), ErrorCode.OWNER_OR_ADMIN_REQUIRED);
    assert.equal(kit(engine(EngineErrorCode.ERR_REQUEST_NO_PERMISSION)), ErrorCode.REQUEST_NO_PERMISSION);
    assert.equal(kit(engine(EngineErrorCode.ERR_PERMISSION_DENIED)), ErrorCode.NO_AV_PERMISSION);
    assert.equal(kit({ code: ChatServerCode.GROUP_PERMISSION_DENY, message: '' }), ErrorCode.PERMISSION_DENIED);
  });

  it('rooms and members: no such room, not entered, full, exists, before entering, owner cannot leave', () => {
    assert.equal(kit(engine(EngineErrorCode.ERR_ROOM_ID_NOT_EXIST)), ErrorCode.ROOM_NOT_FOUND);
    assert.equal(kit(engine(EngineErrorCode.ERR_USER_NOT_ENTERED)), ErrorCode.NOT_A_MEMBER);
    assert.equal(kit(engine(EngineErrorCode.ERR_ROOM_USER_FULL)), ErrorCode.ROOM_FULL);
    assert.equal(kit(engine(EngineErrorCode.ERR_ROOM_ID_OCCUPIED)), ErrorCode.ROOM_EXISTS);
    assert.equal(
      kit(engine(EngineErrorCode.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM, 'please enter room first')),
      ErrorCode.NOT_IN_ROOM,
    );
    assert.equal(kit(engine(EngineErrorCode.ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER)), ErrorCode.OWNER_CANNOT_LEAVE);
    assert.equal(kit(engine(EngineErrorCode.ERR_ROOM_ID_INVALID)), ErrorCode.INVALID_ROOM_ID);
    assert.equal(kit({ code: ChatServerCode.GROUP_NOT_FOUND, message: '' }), ErrorCode.ROOM_NOT_FOUND);
    assert.equal(kit({ code: ChatServerCode.GROUP_FULL_MEMBER_COUNT, message: '' }), ErrorCode.ROOM_FULL);
    assert.equal(kit(engine(EngineServerCode.MEMBER_BANNED)), ErrorCode.MEMBER_BANNED);
  });

  it('messages: disabled for everyone, disabled for me, muted by Chat, blocked words, too long', () => {
    assert.equal(kit(engine(EngineErrorCode.ERR_SEND_MESSAGE_DISABLED_FOR_ALL)), ErrorCode.ROOM_MUTED);
    assert.equal(kit(engine(EngineErrorCode.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT)), ErrorCode.MEMBER_MUTED);
    assert.equal(kit({ code: ChatServerCode.GROUP_SHUTUP_DENY, message: '' }), ErrorCode.MEMBER_MUTED);
    assert.equal(kit({ code: ChatServerCode.MSG_SHUTUP_DENY, message: '' }), ErrorCode.MEMBER_MUTED);
    const blocked = fromEngineError({ code: ChatServerCode.COMM_SENSITIVE_TEXT, message: '' });
    assert.equal(blocked.code, ErrorCode.INVALID_PARAMETER);
    assert.match(blocked.message, /moderation/);
    assert.equal(kit({ code: ChatServerCode.COMM_BODY_SIZE_LIMIT, message: '' }), ErrorCode.BARRAGE_TOO_LONG);
  });

  it('requests: id invalid or handled, duplicate, conflict', () => {
    assert.equal(
      kit(engine(EngineErrorCode.ERR_REQUEST_ID_INVALID, 'request id is invalid')),
      ErrorCode.REQUEST_INVALID,
    );
    assert.equal(kit(engine(EngineErrorCode.ERR_REQUEST_ID_REPEAT)), ErrorCode.REQUEST_DUPLICATE);
    assert.equal(kit(engine(EngineErrorCode.ERR_REQUEST_CONFLICT)), ErrorCode.REQUEST_DUPLICATE);
    assert.equal(
      kit({ code: ChatServerCode.GROUP_REQ_ALREADY_BEEN_PROCESSED, message: '' }),
      ErrorCode.REQUEST_INVALID,
    );
  });

  it('gifts: unknown gift, the app server refusing the gift, gifts not enabled (the gift manager rejects a plain object)', () => {
    const notFound = fromEngineError({ code: EngineErrorCode.ERR_GIFT_NOT_EXIST, message: 'gift not exist' });
    assert.equal(notFound.code, ErrorCode.GIFT_NOT_FOUND);
    assert.equal(notFound.message, 'gift not exist');
    assert.equal(
      kit({ code: EngineErrorCode.ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED, message: '' }),
      ErrorCode.INSUFFICIENT_BALANCE,
    );
    assert.equal(kit({ code: EngineErrorCode.ERR_GIFT_ABILITY_NOT_ENABLED, message: '' }), ErrorCode.PERMISSION_DENIED);
  });

  it('rate limits: the engine, Chat client and server, group messages', () => {
    for (const code of [
      EngineErrorCode.ERR_FREQ_LIMIT,
      ChatClientCode.OVER_FREQUENCY_LIMIT,
      ChatServerCode.GROUP_FREQ_LIMIT,
      ChatServerCode.GROUP_SEND_MSG_FREQ_LIMIT,
      ChatServerCode.COMM_SDKAPPID_FREQ_LIMIT,
      ChatClientCode.OPEN_SERVICE_OVERLOAD_ERROR,
    ]) {
      assert.equal(kit(engine(code)), ErrorCode.RATE_LIMITED, `${code}`);
    }
    assert.equal(kit(engine(EngineServerCode.CREATE_ROOM_RATE_LIMITED)), ErrorCode.ROOM_START_LIMIT);
  });

  it('sign-in: not initialised, not logged in, expired and refused signatures, kicked elsewhere', () => {
    assert.equal(
      kit(engine(EngineErrorCode.ERR_SDK_NOT_INITIALIZED, 'error_code:1, error_message:not inited')),
      ErrorCode.NOT_LOGGED_IN,
    );
    for (const code of [
      ChatClientCode.USER_NOT_LOGGED_IN,
      ChatClientCode.SDK_IS_NOT_READY,
      ChatClientCode.LOGIN_FAILED,
      ChatClientCode.KICKED_OUT_USERSIG_EXPIRED,
      AccountCode.USERSIG_EXPIRED,
      AccountCode.USERSIG_CHECK_FAILED,
      AccountCode.USERSIG_MISMATCH_SDKAPPID,
      TrtcErrorCode.USERSIG_CHECK_FAILED,
      TrtcCloudCode.BAD_SDKAPPID,
    ]) {
      assert.equal(kit({ code, message: '' }), ErrorCode.NOT_LOGGED_IN, `${code}`);
    }
    assert.equal(
      kit({ code: -AccountCode.USERSIG_EXPIRED, message: '' }),
      ErrorCode.NOT_LOGGED_IN,
      'trtc-cloud-js-sdk negates 70001',
    );
    assert.equal(kit({ code: ChatClientCode.KICKED_OUT_MULT_ACCOUNT, message: '' }), ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(kit({ code: ChatClientCode.KICKED_OUT_MULT_DEVICE, message: '' }), ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(needsFreshCredentials({ code: AccountCode.USERSIG_EXPIRED }), true);
    assert.equal(needsFreshCredentials({ code: -AccountCode.USERSIG_EXPIRED }), true);
    assert.equal(
      needsFreshCredentials(fromEngineError({ code: ChatClientCode.KICKED_OUT_USERSIG_EXPIRED, message: '' })),
      true,
    );
    assert.equal(
      needsFreshCredentials({ code: AccountCode.USERSIG_MISMATCH_ID }),
      false,
      'a wrong signature is not cured by fetching again',
    );
    assert.equal(needsFreshCredentials('boom'), false);
  });

  it('network and timeouts: Chat network errors, the live server timing out or disconnecting', () => {
    assert.equal(kit({ code: ChatClientCode.NETWORK_ERROR, message: '' }), ErrorCode.CONNECTION_LOST);
    assert.equal(kit({ code: ChatClientCode.NO_NETWORK, message: '' }), ErrorCode.CONNECTION_LOST);
    assert.equal(kit({ code: ChatClientCode.NETWORK_TIMEOUT, message: '' }), ErrorCode.TIMEOUT);
    assert.equal(kit(engine(EngineErrorCode.ERR_LIVE_REQUEST_SERVER_TIMEOUT)), ErrorCode.TIMEOUT);
    assert.equal(kit(engine(EngineErrorCode.ERR_LIVE_DISCONNECTED)), ErrorCode.CONNECTION_LOST);
    assert.equal(kit(engine(EngineErrorCode.ERR_LIVE_SERVER_PROCESS_FAILED)), ErrorCode.INTERNAL);
  });

  it('microphone: the engine codes, TRTC RtcError code + extraCode, trtc-cloud-js-sdk codes', () => {
    const noMic = fromEngineError(
      engine(
        EngineErrorCode.ERR_MICROPHONE_START_FAILED,
        "NotFoundError, no microphone detected, please check your device and the configuration on 'startLocalAudio'",
      ),
    );
    assert.equal(
      noMic.code,
      ErrorCode.MIC_OPEN_FAILED,
      'what the engine really rejects with when there is no microphone',
    );
    assert.match(noMic.message, /NotFoundError/);
    assert.equal(kit(engine(EngineErrorCode.ERR_MICROPHONE_NOT_AUTHORIZED)), ErrorCode.MIC_NOT_AUTHORIZED);
    assert.equal(kit(engine(EngineErrorCode.ERR_MICROPHONE_OCCUPIED)), ErrorCode.MIC_BUSY);
    assert.equal(kit(engine(EngineErrorCode.ERR_MICROPHONE_DEVICE_EMPTY)), ErrorCode.MIC_NOT_FOUND);
    const rtc = (code: number, extraCode?: number) => kit(Object.assign(new Error('rtc'), { code, extraCode }));
    assert.equal(rtc(TrtcErrorCode.DEVICE_ERROR, TrtcErrorCode.DEVICE_NOT_FOUND_ERROR), ErrorCode.MIC_NOT_FOUND);
    assert.equal(rtc(TrtcErrorCode.DEVICE_ERROR, TrtcErrorCode.DEVICE_NOT_ALLOWED_ERROR), ErrorCode.MIC_NOT_AUTHORIZED);
    assert.equal(rtc(TrtcErrorCode.DEVICE_ERROR, TrtcErrorCode.DEVICE_NOT_READABLE_ERROR), ErrorCode.MIC_BUSY);
    assert.equal(rtc(TrtcErrorCode.DEVICE_ERROR), ErrorCode.MIC_OPEN_FAILED);
    assert.equal(rtc(TrtcErrorCode.SERVER_ERROR, AccountCode.USERSIG_EXPIRED), ErrorCode.NOT_LOGGED_IN);
    assert.equal(rtc(TrtcErrorCode.SERVER_ERROR, TrtcErrorCode.ACCOUNT_NO_MONEY), ErrorCode.PERMISSION_DENIED);
    assert.equal(
      rtc(TrtcErrorCode.SERVER_ERROR, 12345),
      ErrorCode.CONNECTION_LOST,
      'an unknown extraCode falls back to the code',
    );
    assert.equal(rtc(TrtcErrorCode.ENV_NOT_SUPPORTED, TrtcErrorCode.NOT_SUPPORTED_HTTP), ErrorCode.NO_AV_PERMISSION);
    assert.equal(kit({ code: TrtcCloudCode.MIC_NOT_AUTHORIZED, message: '' }), ErrorCode.MIC_NOT_AUTHORIZED);
    assert.equal(kit({ code: TrtcCloudCode.MIC_OCCUPIED, message: '' }), ErrorCode.MIC_BUSY);
  });

  it('keeps the vendor message, or says something plain when the SDK gave none (sendTextMessage loses it)', () => {
    const kept = fromEngineError(
      engine(EngineErrorCode.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM, 'please enter room first'),
    );
    assert.equal(kept.message, 'please enter room first');
    const lost = fromEngineError(new TUIError({ code: EngineErrorCode.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM }));
    assert.equal(lost.code, ErrorCode.NOT_IN_ROOM);
    assert.equal(lost.message, errorMessage(ErrorCode.NOT_IN_ROOM));
    const json = fromEngineError({
      code: EngineErrorCode.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT,
      message: '{"name":"x","message":"you are muted"}',
    });
    assert.equal(json.message, 'you are muted');
    assert.equal(
      fromEngineError({ code: EngineErrorCode.ERR_WRONG_PASSWORD, message: '' }).message,
      'Wrong room password',
    );
  });

  it('keeps the vendor code: the failure is the cause, vendorCodeOf reads it back', () => {
    const original = engine(EngineErrorCode.ERR_SEAT_LOCKED, 'the seat is locked');
    const error = fromEngineError(original);
    assert.ok(error instanceof RoomError);
    assert.equal(error.cause, original);
    assert.equal(vendorCodeOf(error), EngineErrorCode.ERR_SEAT_LOCKED);
    assert.equal(vendorCodeOf(new RoomError(ErrorCode.SEAT_LOCKED)), undefined);
    assert.equal(vendorCodeOf({ code: '10017' }), 10017, 'a numeric string code counts');
    assert.equal(kit({ code: '10017', message: '' }), ErrorCode.MEMBER_MUTED);
  });

  it('unknown codes: UNKNOWN, with the vendor code kept in the cause and the message', () => {
    for (const code of [
      123456,
      -98765,
      EngineErrorCode.ERR_CAMERA_NOT_AUTHORIZED,
      EngineErrorCode.ERR_BATTLE_IN_RUNNING,
      TrtcErrorCode.UNKNOWN_ERROR,
    ]) {
      const error = fromEngineError({ code, message: 'whatever happened' });
      assert.equal(error.code, ErrorCode.UNKNOWN, `${code}`);
      assert.equal(vendorCodeOf(error), code);
      assert.match(error.message, new RegExp(`${code}.*whatever happened`));
    }
    assert.equal(fromEngineError({ code: 123456 }).message, 'Tencent error 123456');
  });

  it('ERR_FAILED and code-less failures: read the text, else UNKNOWN (an offline login settles as -1 with no message)', () => {
    const offline = fromEngineError(engine(EngineErrorCode.ERR_FAILED, ''));
    assert.equal(offline.code, ErrorCode.UNKNOWN);
    assert.equal(vendorCodeOf(offline), -1);
    assert.match(offline.message, /-1/);
    assert.equal(kit(engine(EngineErrorCode.ERR_FAILED, 'login timeout')), ErrorCode.TIMEOUT);
    assert.equal(kit(new Error('sdk not ready')), ErrorCode.NOT_LOGGED_IN, "the Chat login helper's own Error");
    assert.equal(kit(engine(EngineErrorCode.ERR_FAILED, 'memory access out of bounds')), ErrorCode.UNKNOWN);
  });

  it('non-object throws: a string, an Error, undefined and null become sane RoomErrors; a RoomError passes through', () => {
    const fromString = fromEngineError('socket closed unexpectedly');
    assert.equal(fromString.code, ErrorCode.UNKNOWN);
    assert.equal(fromString.message, 'socket closed unexpectedly');
    assert.equal(fromString.cause, 'socket closed unexpectedly');
    const plain = new TypeError('Cannot read properties of undefined');
    const fromError = fromEngineError(plain);
    assert.equal(fromError.code, ErrorCode.UNKNOWN);
    assert.equal(fromError.message, 'Cannot read properties of undefined');
    assert.equal(fromError.cause, plain);
    for (const nothing of [undefined, null, {}, 42]) {
      const error = fromEngineError(nothing);
      assert.equal(error.code, ErrorCode.UNKNOWN);
      assert.equal(error.message, errorMessage(ErrorCode.UNKNOWN));
    }
    assert.equal(kit('the request timed out'), ErrorCode.TIMEOUT);
    const room = new RoomError(ErrorCode.SEAT_LOCKED);
    assert.equal(fromEngineError(room), room);
  });

  it('session endings: kicked out of the room for each reason, the room dismissed', () => {
    assert.equal(fromKickedOutOfRoom(0).code, ErrorCode.MEMBER_BANNED);
    assert.equal(fromKickedOutOfRoom(1).code, ErrorCode.SIGNED_IN_ELSEWHERE);
    assert.equal(fromKickedOutOfRoom(2).code, ErrorCode.MEMBER_BANNED);
    assert.equal(fromKickedOutOfRoom(3).code, ErrorCode.CONNECTION_LOST);
    assert.equal(fromKickedOutOfRoom(4).code, ErrorCode.CONNECTION_LOST);
    assert.equal(fromKickedOutOfRoom(5).code, ErrorCode.ALREADY_IN_ROOM);
    assert.match(fromKickedOutOfRoom(9, 'new reason').message, /9.*new reason/);
    assert.equal(fromRoomDismissed(1).code, ErrorCode.ROOM_ENDED);
    assert.match(fromRoomDismissed(2).message, /server/);
    assert.equal(fromRoomDismissed(undefined).code, ErrorCode.ROOM_ENDED);
  });
});
