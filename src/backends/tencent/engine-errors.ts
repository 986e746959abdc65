// Every failure the RoomEngine web SDK (@tencentcloud/tuiroom-engine-js 3.4.4) can reject with, as a kit RoomError.
//
// What a rejection is (read from the SDK's index.esm.js and watched in Chromium, /tmp/engine-research.md §3):
// - engine calls reject with `class TUIError extends Error { code, message, name: '' }` (the `Cq` class); `code` is a
//   number, `message` may be '' or even undefined (sendTextMessage/sendCustomMessage lose it);
// - the gift manager rejects with a plain `{ code, message }` object, not an Error;
// - what the engine cannot pin down is `code: -1` (ERR_FAILED): an offline login settles after ~90 s as `-1, ''`;
// - Chat (2xxx/3xxx client, 10xxx group, 20xxx message, 6xxxx/7xxxx/8xxxx server) codes and TRTC codes come through
//   unchanged in some paths (message sending: 10017, 80001, …), so one table covers all three SDKs;
// - trtc-cloud-js-sdk, between the engine and trtc-sdk-v5, turns TRTC v5 errors into native-style codes (−1317,
//   −3340, −70xxx, …) before the engine sees them; a bare trtc-sdk-v5 RtcError carries `code` 5xxx and `extraCode`.
//
// Sources: the engine's TUIErrorCode (index.d.ts, mirrored below so a wrong number fails `npm run typecheck`); the
// RoomEngine server codes of the voice-room seed (shared/seeds/002, L21107-21481); Chat 3.5.9's own code table
// (@tencentcloud/chat/index.es.js, the object holding NO_ACCOUNT_TYPE:2001 … INVALID_CANCEL_MESSAGE:8020) and its
// server-code table (ERR_SVR_COMM_SENSITIVE_TEXT:80001 …); the IM server codes (TIMErrorCode header: 10xxx group,
// 20xxx message, 60xxx common, 70xxx account); trtc-sdk-v5's ErrorCodeDictionary and trtc-cloud-js-sdk 2.10.4's
// code translation (_transformTRTCErrorCode). Codes that do not exist in these SDKs (Chat 6014/6206/8511, native
// IMSDK codes) are deliberately absent: they can never arrive.
//
// Type-only import: the SDK loads lazily (load.ts), so nothing here may import it by value.
import type { TUIErrorCode, TUIKickedOutOfRoomReason, TUIRoomDismissedReason } from '@tencentcloud/tuiroom-engine-js';
import { ErrorCode, RoomError, errorMessage } from '../../model/errors.js';
import { mirror } from './engine-sdk.js';

// ---- Typed copies of the SDK's enums ---------------------------------------------------------------------------

/** The engine's TUIErrorCode (index.d.ts), all members. */
export const EngineErrorCode = mirror<typeof TUIErrorCode>({
  ERR_SUCC: 0,
  ERR_FAILED: -1,
  ERR_FREQ_LIMIT: -2,
  ERR_REPEAT_OPERATION: -3,
  ERR_ROOM_MISMATCH: -4,
  ERR_SDKAPPID_NOT_FOUND: -1000,
  ERR_INVALID_PARAMETER: -1001,
  ERR_SDK_NOT_INITIALIZED: -1002,
  ERR_PERMISSION_DENIED: -1003,
  ERR_REQUIRE_PAYMENT: -1004,
  ERR_CAMERA_START_FAILED: -1100,
  ERR_CAMERA_NOT_AUTHORIZED: -1101,
  ERR_CAMERA_OCCUPIED: -1102,
  ERR_CAMERA_DEVICE_EMPTY: -1103,
  ERR_MICROPHONE_START_FAILED: -1104,
  ERR_MICROPHONE_NOT_AUTHORIZED: -1105,
  ERR_MICROPHONE_OCCUPIED: -1106,
  ERR_MICROPHONE_DEVICE_EMPTY: -1107,
  ERR_GET_SCREEN_SHARING_TARGET_FAILED: -1108,
  ERR_START_SCREEN_SHARING_FAILED: -1109,
  ERR_ALREADY_ROOM_OWNER: -1200,
  ERR_IM_ATTRIBUTE_WRITE_CONFLICT: -1201,
  ERR_ALREADY_ROOM_ENTER: -1202,
  ERR_DESTROY_ROOM_NO_PERMISSION: -1203,
  ERR_LIVE_REQUEST_SERVER_TIMEOUT: -1300,
  ERR_LIVE_SERVER_PROCESS_FAILED: -1301,
  ERR_LIVE_DISCONNECTED: -1302,
  ERR_LIVE_NO_AVAILABLE_HEVC_DECODERS: -1303,
  ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM: -2101,
  ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER: -2102,
  ERR_OPERATION_NOT_SUPPORTED_IN_CURRENT_ROOM_TYPE: -2103,
  ERR_ROOM_ID_INVALID: -2105,
  ERR_ROOM_NAME_INVALID: -2107,
  ERR_ALREADY_IN_OTHER_ROOM: -2108,
  ERR_USER_NOT_EXIST: -2200,
  ERR_NEED_OWNER_PERMISSION: -2300,
  ERR_NEED_ADMIN_PERMISSION: -2301,
  ERR_REQUEST_NO_PERMISSION: -2310,
  ERR_REQUEST_ID_INVALID: -2311,
  ERR_REQUEST_ID_REPEAT: -2312,
  ERR_MAX_SEAT_COUNT_LIMIT: -2340,
  ERR_SEAT_INDEX_NOT_EXIST: -2344,
  ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK: -2360,
  ERR_OPEN_MICROPHONE_NEED_PERMISSION_FROM_ADMIN: -2361,
  ERR_OPEN_CAMERA_NEED_SEAT_UNLOCK: -2370,
  ERR_OPEN_CAMERA_NEED_PERMISSION_FROM_ADMIN: -2371,
  ERR_OPEN_SCREEN_SHARE_NEED_SEAT_UNLOCK: -2372,
  ERR_OPEN_SCREEN_SHARE_NEED_PERMISSION_FROM_ADMIN: -2373,
  ERR_SEND_MESSAGE_DISABLED_FOR_ALL: -2380,
  ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT: -2381,
  ERR_ROOM_NOT_SUPPORT_PRELOADING: -4001,
  ERR_CALL_IN_PROGRESS: -6001,
  ERR_SERVER_SYSTEM_ERROR: 100001,
  ERR_SERVER_INVALID_PARAMETER: 100002,
  ERR_ROOM_ID_OCCUPIED: 100003,
  ERR_ROOM_ID_NOT_EXIST: 100004,
  ERR_USER_NOT_ENTERED: 100005,
  ERR_NO_PERMISSION: 100006,
  ERR_NEED_PASSWORD: 100018,
  ERR_WRONG_PASSWORD: 100019,
  ERR_ROOM_USER_FULL: 100008,
  ERR_REQUEST_CONFLICT: 100102,
  ERR_SEAT_OCCUPIED: 100210,
  ERR_ALREADY_IN_SEAT: 100203,
  ERR_SEAT_LOCKED: 100200,
  ERR_ALL_SEAT_OCCUPIED: 100205,
  ERR_USER_NOT_IN_SEAT: 100206,
  ERR_SEAT_NOT_SUPPORT_LINK_MIC: 100211,
  ERR_ROOM_ALREADY_CONNECTED: 100401,
  ERR_ROOM_CONNECTED_IN_OTHER: 100403,
  ERR_MAX_CONNECTED_COUNT_LIMIT: 100404,
  ERR_BATTLE_IN_RUNNING: 100419,
  ERR_BATTLE_ID_NOT_EXIST: 100411,
  ERR_ROOM_BATTLEID_IN_OTHER: 100415,
  ERR_ROOM_METADATA_EXCEED_KEY_COUNT_LIMIT: 100500,
  ERR_ROOM_METADATA_EXCEED_VALUE_SIZE_LIMIT: 100501,
  ERR_GIFT_ABILITY_NOT_ENABLED: 102001,
  ERR_GIFT_NOT_EXIST: 102002,
  ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED: 102004,
  ERR_MIX_STREAM_UPDATE_TOO_FREQ: 100427,
  ERR_PUBLISH_STREAM_INFO_NOT_EXISTED: 100430,
  ERR_PUBLISH_STREAM_NO_NEED_RECOVERY: 100431,
});

const KickedOutReason = mirror<typeof TUIKickedOutOfRoomReason>({
  kKickedByAdmin: 0,
  kKickedByLoggedOnOtherDevice: 1,
  kKickedByServer: 2,
  kNetworkDisconnected: 3,
  kJoinRoomStatusInvalidDuringOffline: 4,
  kCountOfJoinedRoomsExceedLimit: 5,
});
const DismissedReason = mirror<typeof TUIRoomDismissedReason>({ kByOwner: 1, kByServer: 2 });

// ---- Vendor codes the enum does not name -----------------------------------------------------------------------

/** RoomEngine server codes documented by the voice-room seed (002, L21107-21481) that TUIErrorCode lacks. */
export const EngineServerCode = {
  NO_PAID_PLAN: 100007,
  TOO_MANY_TAGS: 100009,
  ROOM_ID_OWNED_BY_CALLER: 100010,
  ROOM_ID_HELD_BY_GROUP: 100011,
  CREATE_ROOM_RATE_LIMITED: 100012,
  PLAN_LIMIT_EXCEEDED: 100013,
  INVALID_ROOM_TYPE: 100015,
  MEMBER_BANNED: 100016,
  MEMBER_MUTED: 100017,
  TOO_MANY_ADMINS: 100020,
  SEAT_TAKEN: 100201,
  ALREADY_IN_SEAT_QUEUE: 100202,
  NOT_IN_SEAT_QUEUE: 100204,
  METADATA_TOTAL_TOO_LARGE: 100502,
  METADATA_KEY_TOO_LARGE: 100504,
} as const;

/** Chat 3.5.9's client codes (its own table in index.es.js), the ones a voice room can meet. */
export const ChatClientCode = {
  HELLO_ANSWER_KICKED_OUT: 1002,
  NO_ACCOUNT_TYPE: 2001,
  NO_IDENTIFIER: 2002,
  NO_USERSIG: 2003,
  NO_TINYID: 2022,
  NO_A2KEY: 2023,
  USER_NOT_LOGGED_IN: 2024,
  REPEAT_LOGIN: 2025,
  MSG_SEND_FAIL_NOT_IN_AV: 2101,
  MSG_INSTANCE_REQUIRED: 2105,
  MSG_INVALID_CONV_TYPE: 2106,
  ILLEGAL_GRP_TYPE: 2600,
  ILLEGAL_GRP_ID: 2602,
  CANNOT_FIND_GRP: 2603,
  CANNOT_CHANGE_OWNER_TO_SELF: 2621,
  MEMBER_NOT_IN_GRP: 2623,
  NOT_OWNER: 2681,
  INVALID_MEMBER_ROLE: 2683,
  CANNOT_SET_SELF_MEMBER_ROLE: 2684,
  CANNOT_MUTE_SELF: 2685,
  BAN_DURATION_INVALID: 2686,
  NETWORK_ERROR: 2800,
  NETWORK_TIMEOUT: 2801,
  NO_NETWORK: 2805,
  OVER_FREQUENCY_LIMIT: 2996,
  SDK_IS_NOT_READY: 2999,
  LOGIN_FAILED: 3001,
  KICKED_OUT_MULT_DEVICE: 3002,
  KICKED_OUT_MULT_ACCOUNT: 3003,
  KICKED_OUT_USERSIG_EXPIRED: 3004,
  LOGGED_OUT: 3005,
  KICKED_OUT_REST_API: 3006,
  PROFANITY_FOUND: 3123,
  MSG_A2KEY_EXPIRED: 20002,
  OPEN_SERVICE_OVERLOAD_ERROR: 60022,
} as const;

/** IM server codes (TIMErrorCode; the message ones are also in Chat 3.5.9's server-code table). */
export const ChatServerCode = {
  GROUP_INTERNAL_ERROR: 10002,
  GROUP_INVALID_PARAMETERS: 10004,
  GROUP_FREQ_LIMIT: 10006,
  GROUP_PERMISSION_DENY: 10007,
  GROUP_NOT_FOUND: 10010,
  GROUP_FULL_MEMBER_COUNT: 10014,
  GROUP_INVALID_GROUPID: 10015,
  GROUP_REJECT_FROM_THIRDPARTY: 10016,
  GROUP_SHUTUP_DENY: 10017,
  GROUP_ACCOUNT_NOT_FOUND: 10019,
  GROUP_GROUPID_IN_USED: 10021,
  GROUP_SEND_MSG_FREQ_LIMIT: 10023,
  GROUP_REQ_ALREADY_BEEN_PROCESSED: 10024,
  GROUP_GROUPID_IN_USED_FOR_SUPER: 10025,
  GROUP_SDKAPPID_DENY: 10026,
  GROUP_AVCHATROOM_COUNT_LIMIT: 10036,
  GROUP_COUNT_LIMIT: 10037,
  GROUP_MEMBER_COUNT_LIMIT: 10038,
  GROUP_ATTRIBUTE_WRITE_CONFLICT: 10056,
  MSG_INVALID_ID: 20003,
  MSG_NET_ERROR: 20004,
  MSG_INTERNAL_ERROR: 20005,
  MSG_PUSH_DENY: 20006,
  MSG_IN_PEER_BLACKLIST: 20007,
  MSG_SHUTUP_DENY: 20012,
  COMM_INVALID_SDKAPPID: 60006,
  COMM_REST_FREQ_LIMIT: 60007,
  COMM_SDKAPPID_FREQ_LIMIT: 60011,
  COMM_SDKAPPID_FORBIDDEN: 60016,
  COMM_REQ_FREQ_LIMIT: 60018,
  COMM_REQ_FREQ_LIMIT_EX: 60019,
  COMM_INVALID_SERVICE: 60020,
  COMM_SENSITIVE_TEXT: 80001,
  COMM_BODY_SIZE_LIMIT: 80002,
  /** Attached media failed moderation: TUILiveKit's BarrageInput toasts it next to 80001 and 10017. */
  COMM_SENSITIVE_MEDIA: 80004,
} as const;

/** IM account codes: sign-in refused (UserSig and SDKAppID checks), 70001 is Chat's ACCOUNT_A2KEY_EXPIRED. */
export const AccountCode = {
  USERSIG_EXPIRED: 70001,
  USERSIG_EMPTY: 70002,
  USERSIG_CHECK_FAILED: 70003,
  USERSIG_CHECK_FAILED_EX: 70005,
  USERSIG_MISMATCH_PUBLICKEY: 70009,
  USERSIG_MISMATCH_ID: 70013,
  USERSIG_MISMATCH_SDKAPPID: 70014,
  USERSIG_PUBLICKEY_NOT_FOUND: 70016,
  SDKAPPID_NOT_FOUND: 70020,
  FREQ_LIMIT: 70050,
  BLACKLIST: 70051,
  INVALID_USERSIG: 70052,
  LOGIN_SIG_EXPIRE: 70101,
  ACCOUNT_NOT_FOUND: 70107,
  INTERNAL_TIMEOUT: 70169,
  ACCOUNT_COUNT_LIMIT: 70398,
  INTERNAL_ERROR: 70500,
} as const;

/** trtc-sdk-v5 RtcError `code` and `extraCode` values (ErrorCodeDictionary), the ones with a kit meaning. */
export const TrtcErrorCode = {
  INVALID_PARAMETER: 5000,
  INVALID_PARAMETER_REQUIRED: 5001,
  INVALID_PARAMETER_TYPE: 5002,
  INVALID_PARAMETER_EMPTY: 5003,
  INVALID_PARAMETER_INSTANCE: 5004,
  INVALID_PARAMETER_RANGE: 5005,
  INVALID_PARAMETER_LESS_THAN_ZERO: 5006,
  INVALID_PARAMETER_MIN: 5007,
  INVALID_PARAMETER_MAX: 5008,
  INVALID_OPERATION: 5100,
  INVALID_OPERATION_NOT_JOINED: 5101,
  INVALID_OPERATION_REMOTE_USER_NOT_EXIST: 5102,
  INVALID_OPERATION_REPEAT_CALL: 5104,
  INVALID_ROLE_AUDIENCE: 5107,
  ENV_NOT_SUPPORTED: 5200,
  NOT_SUPPORTED_HTTP: 5201,
  NOT_SUPPORTED_WEBRTC: 5202,
  NOT_SUPPORTED_CHROME_VERSION: 5209,
  DEVICE_ERROR: 5300,
  DEVICE_NOT_FOUND_ERROR: 5301,
  DEVICE_NOT_ALLOWED_ERROR: 5302,
  DEVICE_NOT_READABLE_ERROR: 5303,
  DEVICE_OVERCONSTRAINED_ERROR: 5304,
  DEVICE_INVALID_STATE_ERROR: 5305,
  DEVICE_SECURITY_ERROR: 5306,
  DEVICE_ABORT_ERROR: 5307,
  MICROPHONE_RECOVER_FAILED: 5309,
  SERVER_ERROR: 5400,
  NEED_TO_BUY: 5401,
  OPERATION_FAILED: 5500,
  FIREWALL_RESTRICTION: 5501,
  REJOIN_FAILED: 5502,
  OPERATION_ABORT: 5998,
  UNKNOWN_ERROR: 5999,
  /** TRTC server: the service is suspended (arrears). A SERVER_ERROR extraCode; also in the ErrorCodeDictionary. */
  ACCOUNT_NO_MONEY: -100013,
  /** TRTC server: the UserSig failed its check. A SERVER_ERROR extraCode. */
  USERSIG_CHECK_FAILED: -100018,
} as const;

/**
 * trtc-cloud-js-sdk 2.10.4's native-style codes (its onError, which the engine listens to). It also turns
 * device errors into −1301/−1302, but those numbers are the engine's ERR_LIVE_SERVER_PROCESS_FAILED and
 * ERR_LIVE_DISCONNECTED at the engine's surface (the engine re-maps its TRTC errors: −1302 → −1104), so the
 * engine's meaning wins; and it negates server account codes (70001 → −70001, handled by fromEngineError).
 */
export const TrtcCloudCode = {
  MIC_NOT_AUTHORIZED: -1317,
  MIC_SET_PARAM_FAILED: -1318,
  MIC_OCCUPIED: -1319,
  ENTER_ROOM_ABORTED: -3340,
  BAD_SDKAPPID: -70252,
} as const;

// ---- The table ---------------------------------------------------------------------------------------------------

export type VendorSource = 'engine' | 'chat' | 'trtc';

export interface VendorMapping {
  readonly code: ErrorCode;
  readonly source: VendorSource;
  /** What to say when the vendor's message is empty; the kit's own message otherwise. */
  readonly fallback?: string;
}

const E = EngineErrorCode;
const S = EngineServerCode;
const CC = ChatClientCode;
const CS = ChatServerCode;
const A = AccountCode;
const T = TrtcErrorCode;
const TC = TrtcCloudCode;

const PLAN = 'The Tencent Cloud plan of this application does not cover this';
const SIGN_IN = 'Tencent Cloud refused the sign-in (UserSig or SDKAppID)';
const BLOCKED_TEXT = 'The message was blocked by content moderation';
const APP_REFUSED = 'Refused by the application server';

/** The table as written (VENDOR_ERRORS is its index); exported so a test can check no code is listed twice. */
export const VENDOR_ERROR_ROWS: ReadonlyArray<
  readonly [vendor: number, code: ErrorCode, source: VendorSource, fallback?: string]
> = [
  // engine: general
  [E.ERR_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'engine'],
  [E.ERR_REPEAT_OPERATION, ErrorCode.REPEATED_OPERATION, 'engine'],
  [E.ERR_ROOM_MISMATCH, ErrorCode.NOT_IN_ROOM, 'engine', 'The operation is for another room than the one entered'],
  [E.ERR_SDKAPPID_NOT_FOUND, ErrorCode.NOT_LOGGED_IN, 'engine', 'The SDKAppID is not known to Tencent Cloud'],
  [E.ERR_INVALID_PARAMETER, ErrorCode.INVALID_PARAMETER, 'engine'],
  [E.ERR_SDK_NOT_INITIALIZED, ErrorCode.NOT_LOGGED_IN, 'engine'],
  [E.ERR_PERMISSION_DENIED, ErrorCode.NO_AV_PERMISSION, 'engine'],
  [E.ERR_REQUIRE_PAYMENT, ErrorCode.PERMISSION_DENIED, 'engine', PLAN],
  // engine: microphone (the camera and screen-share codes have no kit meaning)
  [E.ERR_MICROPHONE_START_FAILED, ErrorCode.MIC_OPEN_FAILED, 'engine'],
  [E.ERR_MICROPHONE_NOT_AUTHORIZED, ErrorCode.MIC_NOT_AUTHORIZED, 'engine'],
  [E.ERR_MICROPHONE_OCCUPIED, ErrorCode.MIC_BUSY, 'engine'],
  [E.ERR_MICROPHONE_DEVICE_EMPTY, ErrorCode.MIC_NOT_FOUND, 'engine'],
  // engine: live rooms
  [E.ERR_ALREADY_ROOM_OWNER, ErrorCode.ALREADY_IN_ROOM, 'engine', 'You already own a live room'],
  [
    E.ERR_IM_ATTRIBUTE_WRITE_CONFLICT,
    ErrorCode.REPEATED_OPERATION,
    'engine',
    'The room was changed at the same time; try again',
  ],
  [E.ERR_ALREADY_ROOM_ENTER, ErrorCode.ALREADY_IN_ROOM, 'engine', 'Already in this room'],
  [E.ERR_DESTROY_ROOM_NO_PERMISSION, ErrorCode.OWNER_REQUIRED, 'engine'],
  [E.ERR_LIVE_REQUEST_SERVER_TIMEOUT, ErrorCode.TIMEOUT, 'engine'],
  [E.ERR_LIVE_SERVER_PROCESS_FAILED, ErrorCode.INTERNAL, 'engine'],
  [E.ERR_LIVE_DISCONNECTED, ErrorCode.CONNECTION_LOST, 'engine'],
  // engine: room, users, seats, requests, messages
  [E.ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM, ErrorCode.NOT_IN_ROOM, 'engine'],
  [E.ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER, ErrorCode.OWNER_CANNOT_LEAVE, 'engine'],
  [
    E.ERR_OPERATION_NOT_SUPPORTED_IN_CURRENT_ROOM_TYPE,
    ErrorCode.INVALID_PARAMETER,
    'engine',
    'Not supported in this type of room',
  ],
  [E.ERR_ROOM_ID_INVALID, ErrorCode.INVALID_ROOM_ID, 'engine'],
  [E.ERR_ROOM_NAME_INVALID, ErrorCode.INVALID_ROOM_NAME, 'engine'],
  [E.ERR_ALREADY_IN_OTHER_ROOM, ErrorCode.ALREADY_IN_ROOM, 'engine'],
  [E.ERR_USER_NOT_EXIST, ErrorCode.USER_NOT_FOUND, 'engine'],
  [E.ERR_NEED_OWNER_PERMISSION, ErrorCode.OWNER_REQUIRED, 'engine'],
  [E.ERR_NEED_ADMIN_PERMISSION, ErrorCode.OWNER_OR_ADMIN_REQUIRED, 'engine'],
  [E.ERR_REQUEST_NO_PERMISSION, ErrorCode.REQUEST_NO_PERMISSION, 'engine'],
  [E.ERR_REQUEST_ID_INVALID, ErrorCode.REQUEST_INVALID, 'engine'],
  [E.ERR_REQUEST_ID_REPEAT, ErrorCode.REQUEST_DUPLICATE, 'engine'],
  [E.ERR_MAX_SEAT_COUNT_LIMIT, ErrorCode.SEAT_COUNT_LIMIT, 'engine'],
  [E.ERR_SEAT_INDEX_NOT_EXIST, ErrorCode.SEAT_NOT_FOUND, 'engine'],
  [E.ERR_OPEN_MICROPHONE_NEED_SEAT_UNLOCK, ErrorCode.SEAT_AUDIO_LOCKED, 'engine'],
  [
    E.ERR_OPEN_MICROPHONE_NEED_PERMISSION_FROM_ADMIN,
    ErrorCode.NO_AV_PERMISSION,
    'engine',
    'Ask the owner or an admin before opening the microphone',
  ],
  [E.ERR_SEND_MESSAGE_DISABLED_FOR_ALL, ErrorCode.ROOM_MUTED, 'engine'],
  [E.ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT, ErrorCode.MEMBER_MUTED, 'engine'],
  // engine: server
  [E.ERR_SERVER_SYSTEM_ERROR, ErrorCode.INTERNAL, 'engine'],
  [E.ERR_SERVER_INVALID_PARAMETER, ErrorCode.INVALID_PARAM, 'engine'],
  [E.ERR_ROOM_ID_OCCUPIED, ErrorCode.ROOM_EXISTS, 'engine'],
  [E.ERR_ROOM_ID_NOT_EXIST, ErrorCode.ROOM_NOT_FOUND, 'engine'],
  [E.ERR_USER_NOT_ENTERED, ErrorCode.NOT_A_MEMBER, 'engine'],
  [E.ERR_NO_PERMISSION, ErrorCode.PERMISSION_DENIED, 'engine'],
  [E.ERR_NEED_PASSWORD, ErrorCode.PERMISSION_DENIED, 'engine', 'The room needs a password'],
  [E.ERR_WRONG_PASSWORD, ErrorCode.PERMISSION_DENIED, 'engine', 'Wrong room password'],
  [E.ERR_ROOM_USER_FULL, ErrorCode.ROOM_FULL, 'engine'],
  [E.ERR_REQUEST_CONFLICT, ErrorCode.REQUEST_DUPLICATE, 'engine', 'Another request is being handled; try again'],
  [E.ERR_SEAT_LOCKED, ErrorCode.SEAT_LOCKED, 'engine'],
  // 100210 is what the engine calls ERR_SEAT_OCCUPIED (the seed: "a user is already on the seat"): to a user it is
  // the kit's SEAT_OCCUPIED, as the local engine says it (the REST surface writes it SEAT_HAS_USER, 100210).
  [E.ERR_SEAT_OCCUPIED, ErrorCode.SEAT_OCCUPIED, 'engine'],
  [E.ERR_ALREADY_IN_SEAT, ErrorCode.ALREADY_ON_SEAT, 'engine'],
  [E.ERR_ALL_SEAT_OCCUPIED, ErrorCode.SEATS_FULL, 'engine'],
  [E.ERR_USER_NOT_IN_SEAT, ErrorCode.NOT_ON_SEAT, 'engine'],
  [E.ERR_SEAT_NOT_SUPPORT_LINK_MIC, ErrorCode.SEATS_DISABLED, 'engine'],
  [
    E.ERR_ROOM_METADATA_EXCEED_KEY_COUNT_LIMIT,
    ErrorCode.INVALID_PARAM,
    'engine',
    'The room has too many metadata keys',
  ],
  [
    E.ERR_ROOM_METADATA_EXCEED_VALUE_SIZE_LIMIT,
    ErrorCode.INVALID_PARAM,
    'engine',
    'A room metadata value is too large',
  ],
  [E.ERR_GIFT_ABILITY_NOT_ENABLED, ErrorCode.PERMISSION_DENIED, 'engine', 'Gifts are not enabled for this application'],
  [E.ERR_GIFT_NOT_EXIST, ErrorCode.GIFT_NOT_FOUND, 'engine'],
  // The application server's gift check (the pre-send callback) refused: the balance check, to a user.
  [E.ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED, ErrorCode.INSUFFICIENT_BALANCE, 'engine'],
  // engine: server codes the enum lacks (seed 002)
  [S.NO_PAID_PLAN, ErrorCode.PERMISSION_DENIED, 'engine', PLAN],
  [S.TOO_MANY_TAGS, ErrorCode.INVALID_PARAM, 'engine', 'Too many room tags'],
  [S.ROOM_ID_OWNED_BY_CALLER, ErrorCode.ROOM_EXISTS, 'engine'],
  [S.ROOM_ID_HELD_BY_GROUP, ErrorCode.ROOM_EXISTS, 'engine'],
  [S.CREATE_ROOM_RATE_LIMITED, ErrorCode.ROOM_START_LIMIT, 'engine'],
  [S.PLAN_LIMIT_EXCEEDED, ErrorCode.PERMISSION_DENIED, 'engine', PLAN],
  [S.INVALID_ROOM_TYPE, ErrorCode.INVALID_PARAM, 'engine'],
  [S.MEMBER_BANNED, ErrorCode.MEMBER_BANNED, 'engine'],
  [S.MEMBER_MUTED, ErrorCode.MEMBER_MUTED_SERVER, 'engine'],
  [S.TOO_MANY_ADMINS, ErrorCode.TOO_MANY_ADMINS, 'engine'],
  [S.SEAT_TAKEN, ErrorCode.SEAT_OCCUPIED, 'engine'],
  [S.ALREADY_IN_SEAT_QUEUE, ErrorCode.ALREADY_QUEUED, 'engine'],
  [S.NOT_IN_SEAT_QUEUE, ErrorCode.NOT_IN_QUEUE, 'engine'],
  [S.METADATA_TOTAL_TOO_LARGE, ErrorCode.INVALID_PARAM, 'engine', 'The room metadata is too large'],
  [S.METADATA_KEY_TOO_LARGE, ErrorCode.INVALID_PARAM, 'engine', 'A room metadata key is too large'],

  // Chat client
  [CC.HELLO_ANSWER_KICKED_OUT, ErrorCode.SIGNED_IN_ELSEWHERE, 'chat'],
  [CC.NO_ACCOUNT_TYPE, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.NO_IDENTIFIER, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.NO_USERSIG, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.NO_TINYID, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.NO_A2KEY, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.USER_NOT_LOGGED_IN, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.REPEAT_LOGIN, ErrorCode.REPEATED_OPERATION, 'chat'],
  [CC.MSG_SEND_FAIL_NOT_IN_AV, ErrorCode.NOT_IN_ROOM, 'chat'],
  [CC.MSG_INSTANCE_REQUIRED, ErrorCode.INVALID_PARAMETER, 'chat'],
  [CC.MSG_INVALID_CONV_TYPE, ErrorCode.INVALID_PARAMETER, 'chat'],
  [CC.ILLEGAL_GRP_TYPE, ErrorCode.INVALID_ROOM_ID, 'chat'],
  [CC.ILLEGAL_GRP_ID, ErrorCode.INVALID_ROOM_ID, 'chat'],
  [CC.CANNOT_FIND_GRP, ErrorCode.ROOM_NOT_FOUND, 'chat'],
  [CC.CANNOT_CHANGE_OWNER_TO_SELF, ErrorCode.CANNOT_TARGET_SELF, 'chat'],
  [CC.MEMBER_NOT_IN_GRP, ErrorCode.NOT_A_MEMBER, 'chat'],
  [CC.NOT_OWNER, ErrorCode.OWNER_REQUIRED, 'chat'],
  [CC.INVALID_MEMBER_ROLE, ErrorCode.INVALID_PARAMETER, 'chat'],
  [CC.CANNOT_SET_SELF_MEMBER_ROLE, ErrorCode.CANNOT_TARGET_SELF, 'chat'],
  [CC.CANNOT_MUTE_SELF, ErrorCode.CANNOT_TARGET_SELF, 'chat'],
  [CC.BAN_DURATION_INVALID, ErrorCode.INVALID_PARAMETER, 'chat'],
  [CC.NETWORK_ERROR, ErrorCode.CONNECTION_LOST, 'chat'],
  [CC.NETWORK_TIMEOUT, ErrorCode.TIMEOUT, 'chat'],
  [CC.NO_NETWORK, ErrorCode.CONNECTION_LOST, 'chat'],
  [CC.OVER_FREQUENCY_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CC.SDK_IS_NOT_READY, ErrorCode.NOT_LOGGED_IN, 'chat', 'Chat is not ready'],
  [CC.LOGIN_FAILED, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.KICKED_OUT_MULT_DEVICE, ErrorCode.SIGNED_IN_ELSEWHERE, 'chat'],
  [CC.KICKED_OUT_MULT_ACCOUNT, ErrorCode.SIGNED_IN_ELSEWHERE, 'chat'],
  [CC.KICKED_OUT_USERSIG_EXPIRED, ErrorCode.NOT_LOGGED_IN, 'chat', 'The UserSig expired'],
  [CC.LOGGED_OUT, ErrorCode.NOT_LOGGED_IN, 'chat'],
  [CC.KICKED_OUT_REST_API, ErrorCode.NOT_LOGGED_IN, 'chat', 'Signed out by the application server'],
  [CC.PROFANITY_FOUND, ErrorCode.INVALID_PARAMETER, 'chat', BLOCKED_TEXT],
  [CC.MSG_A2KEY_EXPIRED, ErrorCode.NOT_LOGGED_IN, 'chat', 'The UserSig expired'],
  [CC.OPEN_SERVICE_OVERLOAD_ERROR, ErrorCode.RATE_LIMITED, 'chat'],
  // Chat server: groups (a voice room is an AVChatRoom group), messages, common
  [CS.GROUP_INTERNAL_ERROR, ErrorCode.INTERNAL, 'chat'],
  [CS.GROUP_INVALID_PARAMETERS, ErrorCode.INVALID_PARAMETER, 'chat'],
  // 10006 is the group operation rate limit. (A TRTC v4 join once said "10006 service is suspended" (seed 004
  // L2965); TRTC v5 reports suspension as SERVER_ERROR −100013 instead.)
  [CS.GROUP_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.GROUP_PERMISSION_DENY, ErrorCode.PERMISSION_DENIED, 'chat'],
  [CS.GROUP_NOT_FOUND, ErrorCode.ROOM_NOT_FOUND, 'chat'],
  [CS.GROUP_FULL_MEMBER_COUNT, ErrorCode.ROOM_FULL, 'chat'],
  [CS.GROUP_INVALID_GROUPID, ErrorCode.INVALID_ROOM_ID, 'chat'],
  [CS.GROUP_REJECT_FROM_THIRDPARTY, ErrorCode.PERMISSION_DENIED, 'chat', APP_REFUSED],
  [CS.GROUP_SHUTUP_DENY, ErrorCode.MEMBER_MUTED, 'chat'],
  [CS.GROUP_ACCOUNT_NOT_FOUND, ErrorCode.USER_NOT_FOUND, 'chat'],
  [CS.GROUP_GROUPID_IN_USED, ErrorCode.ROOM_EXISTS, 'chat'],
  [CS.GROUP_SEND_MSG_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.GROUP_REQ_ALREADY_BEEN_PROCESSED, ErrorCode.REQUEST_INVALID, 'chat'],
  [CS.GROUP_GROUPID_IN_USED_FOR_SUPER, ErrorCode.ROOM_EXISTS, 'chat'],
  [CS.GROUP_SDKAPPID_DENY, ErrorCode.PERMISSION_DENIED, 'chat'],
  [CS.GROUP_AVCHATROOM_COUNT_LIMIT, ErrorCode.PERMISSION_DENIED, 'chat', PLAN],
  [CS.GROUP_COUNT_LIMIT, ErrorCode.PERMISSION_DENIED, 'chat', PLAN],
  [CS.GROUP_MEMBER_COUNT_LIMIT, ErrorCode.ROOM_FULL, 'chat'],
  [
    CS.GROUP_ATTRIBUTE_WRITE_CONFLICT,
    ErrorCode.REPEATED_OPERATION,
    'chat',
    'The room was changed at the same time; try again',
  ],
  [CS.MSG_INVALID_ID, ErrorCode.USER_NOT_FOUND, 'chat'],
  [CS.MSG_NET_ERROR, ErrorCode.CONNECTION_LOST, 'chat'],
  [CS.MSG_INTERNAL_ERROR, ErrorCode.INTERNAL, 'chat'],
  [CS.MSG_PUSH_DENY, ErrorCode.PERMISSION_DENIED, 'chat', APP_REFUSED],
  [CS.MSG_IN_PEER_BLACKLIST, ErrorCode.PERMISSION_DENIED, 'chat'],
  [CS.MSG_SHUTUP_DENY, ErrorCode.MEMBER_MUTED, 'chat'],
  [CS.COMM_INVALID_SDKAPPID, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [CS.COMM_REST_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.COMM_SDKAPPID_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.COMM_SDKAPPID_FORBIDDEN, ErrorCode.PERMISSION_DENIED, 'chat', 'This application is disabled on Tencent Cloud'],
  [CS.COMM_REQ_FREQ_LIMIT, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.COMM_REQ_FREQ_LIMIT_EX, ErrorCode.RATE_LIMITED, 'chat'],
  [CS.COMM_INVALID_SERVICE, ErrorCode.PERMISSION_DENIED, 'chat', PLAN],
  [CS.COMM_SENSITIVE_TEXT, ErrorCode.INVALID_PARAMETER, 'chat', BLOCKED_TEXT],
  [CS.COMM_BODY_SIZE_LIMIT, ErrorCode.BARRAGE_TOO_LONG, 'chat'],
  [CS.COMM_SENSITIVE_MEDIA, ErrorCode.INVALID_PARAMETER, 'chat', BLOCKED_TEXT],
  // IM accounts: sign-in refused
  [A.USERSIG_EXPIRED, ErrorCode.NOT_LOGGED_IN, 'chat', 'The UserSig expired'],
  [A.USERSIG_EMPTY, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_CHECK_FAILED, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_CHECK_FAILED_EX, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_MISMATCH_PUBLICKEY, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_MISMATCH_ID, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_MISMATCH_SDKAPPID, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.USERSIG_PUBLICKEY_NOT_FOUND, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.SDKAPPID_NOT_FOUND, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.FREQ_LIMIT, ErrorCode.NOT_LOGGED_IN, 'chat', 'Too many failed sign-ins; try again in a minute'],
  [A.BLACKLIST, ErrorCode.NOT_LOGGED_IN, 'chat', 'This account is blocked'],
  [A.INVALID_USERSIG, ErrorCode.NOT_LOGGED_IN, 'chat', SIGN_IN],
  [A.LOGIN_SIG_EXPIRE, ErrorCode.NOT_LOGGED_IN, 'chat', 'The UserSig expired'],
  [A.ACCOUNT_NOT_FOUND, ErrorCode.USER_NOT_FOUND, 'chat'],
  [A.INTERNAL_TIMEOUT, ErrorCode.TIMEOUT, 'chat'],
  [A.ACCOUNT_COUNT_LIMIT, ErrorCode.PERMISSION_DENIED, 'chat', PLAN],
  [A.INTERNAL_ERROR, ErrorCode.INTERNAL, 'chat'],

  // TRTC v5 (RtcError code / extraCode)
  [T.INVALID_PARAMETER, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_REQUIRED, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_TYPE, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_EMPTY, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_INSTANCE, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_RANGE, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_LESS_THAN_ZERO, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_MIN, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_PARAMETER_MAX, ErrorCode.INVALID_PARAMETER, 'trtc'],
  [T.INVALID_OPERATION, ErrorCode.REPEATED_OPERATION, 'trtc'],
  [T.INVALID_OPERATION_NOT_JOINED, ErrorCode.NOT_IN_ROOM, 'trtc'],
  [T.INVALID_OPERATION_REMOTE_USER_NOT_EXIST, ErrorCode.USER_NOT_FOUND, 'trtc'],
  [T.INVALID_OPERATION_REPEAT_CALL, ErrorCode.REPEATED_OPERATION, 'trtc'],
  [T.INVALID_ROLE_AUDIENCE, ErrorCode.NOT_ON_SEAT, 'trtc', 'Only a user on a seat can speak'],
  [T.ENV_NOT_SUPPORTED, ErrorCode.NO_AV_PERMISSION, 'trtc', 'This browser cannot do real-time audio'],
  [T.NOT_SUPPORTED_HTTP, ErrorCode.NO_AV_PERMISSION, 'trtc', 'Audio needs a secure context (https or localhost)'],
  [T.NOT_SUPPORTED_WEBRTC, ErrorCode.NO_AV_PERMISSION, 'trtc', 'This browser cannot do real-time audio'],
  [T.NOT_SUPPORTED_CHROME_VERSION, ErrorCode.NO_AV_PERMISSION, 'trtc', 'This browser is too old for real-time audio'],
  [T.DEVICE_ERROR, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [T.DEVICE_NOT_FOUND_ERROR, ErrorCode.MIC_NOT_FOUND, 'trtc'],
  [T.DEVICE_NOT_ALLOWED_ERROR, ErrorCode.MIC_NOT_AUTHORIZED, 'trtc'],
  [T.DEVICE_NOT_READABLE_ERROR, ErrorCode.MIC_BUSY, 'trtc'],
  [T.DEVICE_OVERCONSTRAINED_ERROR, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [T.DEVICE_INVALID_STATE_ERROR, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [T.DEVICE_SECURITY_ERROR, ErrorCode.MIC_NOT_AUTHORIZED, 'trtc'],
  [T.DEVICE_ABORT_ERROR, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [T.MICROPHONE_RECOVER_FAILED, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [T.SERVER_ERROR, ErrorCode.CONNECTION_LOST, 'trtc'],
  [T.NEED_TO_BUY, ErrorCode.PERMISSION_DENIED, 'trtc', PLAN],
  [T.OPERATION_FAILED, ErrorCode.CONNECTION_LOST, 'trtc'],
  [T.FIREWALL_RESTRICTION, ErrorCode.CONNECTION_LOST, 'trtc', 'A firewall blocks real-time audio'],
  [T.REJOIN_FAILED, ErrorCode.CONNECTION_LOST, 'trtc'],
  [T.OPERATION_ABORT, ErrorCode.REPEATED_OPERATION, 'trtc'],
  [T.ACCOUNT_NO_MONEY, ErrorCode.PERMISSION_DENIED, 'trtc', 'The TRTC service of this application is suspended'],
  [T.USERSIG_CHECK_FAILED, ErrorCode.NOT_LOGGED_IN, 'trtc', SIGN_IN],
  // trtc-cloud-js-sdk's translations
  [TC.MIC_NOT_AUTHORIZED, ErrorCode.MIC_NOT_AUTHORIZED, 'trtc'],
  [TC.MIC_SET_PARAM_FAILED, ErrorCode.MIC_OPEN_FAILED, 'trtc'],
  [TC.MIC_OCCUPIED, ErrorCode.MIC_BUSY, 'trtc'],
  [TC.ENTER_ROOM_ABORTED, ErrorCode.REPEATED_OPERATION, 'trtc'],
  [TC.BAD_SDKAPPID, ErrorCode.NOT_LOGGED_IN, 'trtc', SIGN_IN],
];

/** Vendor code → kit code, for every vendor code with a kit meaning. Codes are unique across the three SDKs. */
export const VENDOR_ERRORS: ReadonlyMap<number, VendorMapping> = new Map(
  VENDOR_ERROR_ROWS.map(([vendor, code, source, fallback]) => [
    vendor,
    fallback === undefined ? { code, source } : { code, source, fallback },
  ]),
);

// ---- Reading a rejection -------------------------------------------------------------------------------------------

function fieldOf(error: unknown, key: string): unknown {
  return error !== null && typeof error === 'object' && key in error
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** The vendor code a failure carries: its own `code`, or, for a RoomError, the code of what it wraps. */
export function vendorCodeOf(error: unknown): number | undefined {
  if (error instanceof RoomError) return error.cause === undefined ? undefined : vendorCodeOf(error.cause);
  return numberOf(fieldOf(error, 'code'));
}

/** The vendor's message ('' when there is none: the engine's TUIError can carry `message: undefined`). */
function vendorMessageOf(error: unknown): string {
  if (typeof error === 'string') return error.trim();
  const raw = fieldOf(error, 'message');
  if (typeof raw !== 'string') return '';
  const text = raw.trim();
  // Some engine paths hand over the WASM's JSON text ({"name","message"}) unparsed.
  if (text.startsWith('{')) {
    try {
      const inner = (JSON.parse(text) as { message?: unknown }).message;
      if (typeof inner === 'string') return inner.trim();
    } catch {
      // not JSON: keep the text
    }
  }
  return text;
}

/** A kit code for a failure without a usable vendor code (ERR_FAILED, a thrown string or Error), from its text. */
function guessFromText(message: string): ErrorCode {
  if (/time(d)?[ -]?out/i.test(message)) return ErrorCode.TIMEOUT;
  if (/not (inited|initialized|ready|logged)|sdk not ready|please login/i.test(message)) return ErrorCode.NOT_LOGGED_IN;
  if (/enter (the )?room first/i.test(message)) return ErrorCode.NOT_IN_ROOM;
  if (/network|disconnect|offline|ERR_INTERNET/i.test(message)) return ErrorCode.CONNECTION_LOST;
  return ErrorCode.UNKNOWN;
}

function lookup(code: number, extra: number | undefined): VendorMapping | undefined {
  // trtc-sdk-v5 RtcError: the extraCode (5301, 70001, −100013 …) is the finer one.
  if (extra !== undefined && code >= 5000 && code <= 5999) {
    const finer = lookup(extra, undefined);
    if (finer) return finer;
  }
  const direct = VENDOR_ERRORS.get(code);
  if (direct) return direct;
  // trtc-cloud-js-sdk negates the IM account codes a TRTC sign-in gets back (70001 → −70001).
  if (code <= -70000 && code > -80000) return VENDOR_ERRORS.get(-code);
  return undefined;
}

/**
 * Any failure of the RoomEngine SDK, or of the Chat and TRTC SDKs beneath it, as a RoomError. The vendor's message is
 * kept (or a plain one when it gave none), and the failure itself is the RoomError's `cause`, so its vendor code
 * stays reachable (vendorCodeOf). Unknown codes become UNKNOWN with the code in the message.
 */
export function fromEngineError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  const code = vendorCodeOf(error);
  const message = vendorMessageOf(error);
  const cause = { cause: error };
  if (code === undefined || code === EngineErrorCode.ERR_FAILED || code === EngineErrorCode.ERR_SUCC) {
    const guess = guessFromText(message);
    if (guess !== ErrorCode.UNKNOWN) return new RoomError(guess, message, cause);
    const what = code === undefined ? message : `Tencent error ${code}${message ? `: ${message}` : ''}`;
    return new RoomError(ErrorCode.UNKNOWN, what || errorMessage(ErrorCode.UNKNOWN), cause);
  }
  const mapping = lookup(code, numberOf(fieldOf(error, 'extraCode')));
  if (!mapping) return new RoomError(ErrorCode.UNKNOWN, `Tencent error ${code}${message ? `: ${message}` : ''}`, cause);
  return new RoomError(mapping.code, message || mapping.fallback || errorMessage(mapping.code), cause);
}

/** Whether fresh credentials may help: the UserSig ran out (fetch a new one once, then give up). */
export function needsFreshCredentials(error: unknown): boolean {
  const code = vendorCodeOf(error);
  if (code === undefined) return false;
  const c = Math.abs(code) >= 70000 && Math.abs(code) < 80000 ? Math.abs(code) : code;
  return (
    c === AccountCode.USERSIG_EXPIRED ||
    c === AccountCode.LOGIN_SIG_EXPIRE ||
    c === AccountCode.INVALID_USERSIG ||
    c === ChatClientCode.KICKED_OUT_USERSIG_EXPIRED ||
    c === ChatClientCode.MSG_A2KEY_EXPIRED
  );
}

// ---- Events that end a session ---------------------------------------------------------------------------------

/** TUIRoomEvents.onKickedOutOfRoom `{ roomId, reason, message }` as the RoomError the user is told. */
export function fromKickedOutOfRoom(reason: TUIKickedOutOfRoomReason | number, message = ''): RoomError {
  const cause = { cause: { reason, message } };
  switch (reason) {
    case KickedOutReason.kKickedByAdmin:
      return new RoomError(ErrorCode.MEMBER_BANNED, 'Removed from the room by the owner or an admin', cause);
    case KickedOutReason.kKickedByLoggedOnOtherDevice:
      return new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE, errorMessage(ErrorCode.SIGNED_IN_ELSEWHERE), cause);
    case KickedOutReason.kKickedByServer:
      return new RoomError(ErrorCode.MEMBER_BANNED, 'Removed from the room by the application server', cause);
    case KickedOutReason.kNetworkDisconnected:
      return new RoomError(ErrorCode.CONNECTION_LOST, 'Left the room: the connection was lost', cause);
    case KickedOutReason.kJoinRoomStatusInvalidDuringOffline:
      return new RoomError(ErrorCode.CONNECTION_LOST, 'Left the room while offline', cause);
    case KickedOutReason.kCountOfJoinedRoomsExceedLimit:
      return new RoomError(ErrorCode.ALREADY_IN_ROOM, 'Entered too many rooms at once', cause);
    default:
      return new RoomError(
        ErrorCode.CONNECTION_LOST,
        `Removed from the room (${reason})${message ? `: ${message}` : ''}`,
        cause,
      );
  }
}

/** TUIRoomEvents.onRoomDismissed `{ roomId, reason }` as a RoomError (ROOM_ENDED either way). */
export function fromRoomDismissed(reason: TUIRoomDismissedReason | number | undefined): RoomError {
  const text = reason === DismissedReason.kByServer ? 'The room was closed by the server' : 'The owner ended the room';
  return new RoomError(ErrorCode.ROOM_ENDED, text, { cause: { reason } });
}
