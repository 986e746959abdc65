// Codes, errors and signatures of the RoomEngine test double (engine-cloud.ts, engine-double.ts).
//
// ENGINE_CODE is the backend's own typed copy of the SDK's TUIErrorCode (every member with the SDK's number, checked
// by `tsc` against the SDK's typings), so the double rejects with exactly the SDK's codes. The other tables hold
// codes the SDK typings do not enumerate (Chat's, and RoomEngine server codes missing from TUIErrorCode); each
// names its source.
import type * as Sdk from '@tencentcloud/tuiroom-engine-js';
import { EngineErrorCode } from '../../../src/backends/tencent/engine-errors.js';
import { mirror } from '../../../src/backends/tencent/engine-sdk.js';

export const ENGINE_CODE = EngineErrorCode;

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
 * from the UserSig's, 2999 SDK not ready).
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

/** TUILiveModifyFlag (engine-sdk.ts has no copy): the onLiveInfoChanged bits. */
export const LIVE_MODIFY_FLAG = mirror<typeof Sdk.TUILiveModifyFlag>({
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
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the double's Chat slice rejects with (Chat rejects with an Error subclass carrying `code`). */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: number,
    message: string,
  ) {
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
