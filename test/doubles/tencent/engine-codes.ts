// Codes, errors and signatures of the RoomEngine test double (engine-cloud.ts, engine-double.ts).
//
// ENGINE_CODE mirrors the TUIErrorCode members the double rejects with, typed against the SDK's own enum: a name
// that is not a TUIErrorCode member, or a number that differs from the SDK's, fails `tsc`. The other tables hold
// codes the SDK typings do not enumerate (Chat's, and RoomEngine server codes missing from TUIErrorCode); each
// names its source.
import type * as Sdk from '@tencentcloud/tuiroom-engine-js';

type ErrorCodes = typeof Sdk.TUIErrorCode;
/** Keeps `values` only if every key is a TUIErrorCode member with exactly the SDK's number. */
function engineCodes<const K extends keyof ErrorCodes>(values: { readonly [P in K]: ErrorCodes[P] }): { readonly [P in K]: ErrorCodes[P] } {
  return values;
}

export const ENGINE_CODE = engineCodes({
  ERR_FAILED: -1,
  ERR_FREQ_LIMIT: -2,
  ERR_SDKAPPID_NOT_FOUND: -1000,
  ERR_INVALID_PARAMETER: -1001,
  ERR_SDK_NOT_INITIALIZED: -1002,
  ERR_ALREADY_ROOM_ENTER: -1202,
  ERR_DESTROY_ROOM_NO_PERMISSION: -1203,
  ERR_OPERATION_INVALID_BEFORE_ENTER_ROOM: -2101,
  ERR_EXIT_NOT_SUPPORTED_FOR_ROOM_OWNER: -2102,
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
  ERR_SEND_MESSAGE_DISABLED_FOR_ALL: -2380,
  ERR_SEND_MESSAGE_DISABLED_FOR_CURRENT: -2381,
  ERR_ROOM_ID_OCCUPIED: 100003,
  ERR_ROOM_ID_NOT_EXIST: 100004,
  ERR_USER_NOT_ENTERED: 100005,
  ERR_ROOM_USER_FULL: 100008,
  ERR_SEAT_LOCKED: 100200,
  ERR_ALREADY_IN_SEAT: 100203,
  ERR_ALL_SEAT_OCCUPIED: 100205,
  ERR_USER_NOT_IN_SEAT: 100206,
  ERR_SEAT_OCCUPIED: 100210,
  ERR_SEAT_NOT_SUPPORT_LINK_MIC: 100211,
  ERR_GIFT_ABILITY_NOT_ENABLED: 102001,
  ERR_GIFT_NOT_EXIST: 102002,
  ERR_GIFT_SERVER_PRE_VERIFICATION_FAILED: 102004,
});

/**
 * RoomEngine server codes that TUIErrorCode lacks; from the server error table of the voice-room docs
 * (seed 002 L21330-21400: 100016 该成员已经被封禁, 100020 管理员数量超过上限).
 */
export const ROOM_SERVER_CODE = { MEMBER_BANNED: 100016, TOO_MANY_ADMINS: 100020 } as const;

/**
 * Chat (IM) codes, from @tencentcloud/chat 3.5.9 (the engine's own copy): its error table in index.es.js
 * (ACCOUNT_A2KEY_EXPIRED 70001, ERR_SVR_GROUP_INVALID_PARAMETERS 10004, ERR_SVR_GROUP_PERMISSION_DENY 10007, ERR_SVR_GROUP_NOT_FOUND 10010,
 * ERR_SVR_COMM_BODY_SIZE_LIMIT 80002, CANNOT_FIND_GRP 2603, CANNOT_MUTE_SELF 2685, BAN_DURATION_INVALID 2686) and the
 * Chat account error docs (70003 invalid UserSig, 70013 UserID differs from the UserSig's, 70014 SDKAppID differs
 * from the UserSig's, 6014 SDK not ready).
 */
export const CHAT_CODE = {
  USERSIG_EXPIRED: 70001,
  USERSIG_INVALID: 70003,
  USERSIG_USERID_MISMATCH: 70013,
  USERSIG_SDKAPPID_MISMATCH: 70014,
  /** Chat 3.5.9 SDK_IS_NOT_READY (there is no 6014 in the SDK). */
  SDK_NOT_READY: 2999,
  INVALID_PARAMETERS: 10004,
  GROUP_PERMISSION_DENIED: 10007,
  GROUP_NOT_FOUND: 10010,
  MESSAGE_TOO_LONG: 80002,
  CANNOT_FIND_GROUP: 2603,
  CANNOT_MUTE_SELF: 2685,
  BAN_DURATION_INVALID: 2686,
} as const;

/** Chat's follow relation numbers (V2TIMFollowType; the web SDK passes the server's numbers through). */
export const FOLLOW_TYPE = { NONE: 0, IN_MY_FOLLOWERS_LIST: 1, IN_MY_FOLLOWING_LIST: 2, IN_BOTH: 3 } as const;

type Mirror<E> = { readonly [K in keyof E]: E[K] extends string ? `${E[K]}` : E[K] };
/** TUILiveModifyFlag (engine-sdk.ts has no copy): the onLiveInfoChanged bits. */
export const LIVE_MODIFY_FLAG = ((values: Mirror<typeof Sdk.TUILiveModifyFlag>) => values as unknown as typeof Sdk.TUILiveModifyFlag)({
  kNone: 0,
  kName: 1,
  kNotice: 2,
  kDisableMessage: 4,
  kEnableGift: 8,
  kEnableLike: 16,
  kPublic: 32,
  kTakeSeatMode: 64,
  kCoverUrl: 128,
  kBackgroundUrl: 256,
  kCategory: 512,
  kActivityStatus: 1024,
  kSeatLayoutTemplateId: 2048,
});

/**
 * What the double's engine rejects with. The SDK rejects with an Error subclass carrying `code` and `message`
 * (its TUIError, index.esm.js), so this is an Error too: an `EngineFailure` either way.
 */
export class EngineError extends Error {
  override readonly name = 'TUIError';
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** What the double's Chat slice rejects with (Chat rejects with an Error subclass carrying `code`). */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** A UserSig the double accepts (stands in for TLS-Sig): `engine-sig:<sdkAppId>:<userId>:<expiresAt ms>`. */
export function engineUserSig(sdkAppId: number, userId: string, expiresAtMs: number): string {
  return `engine-sig:${sdkAppId}:${userId}:${expiresAtMs}`;
}

/** Reads a signature made by engineUserSig; null when it is not one. */
export function readUserSig(userSig: string): { sdkAppId: number; userId: string; expiresAt: number } | null {
  const parts = userSig.split(':');
  if (parts.length !== 4 || parts[0] !== 'engine-sig') return null;
  const sdkAppId = Number(parts[1]);
  const expiresAt = Number(parts[3]);
  if (!Number.isFinite(sdkAppId) || !Number.isFinite(expiresAt)) return null;
  return { sdkAppId, userId: parts[2]!, expiresAt };
}

export const bytes = (s: string): number => new TextEncoder().encode(s).length;
