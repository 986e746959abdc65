import { ErrorCode, RoomError } from '../../model/errors.js';

// Vendor codes → the kit's ErrorCodes. Sources: TRTC Web v5 ERROR_CODE module (5000 … 5999 with extraCodes, the
// account codes carried by SERVER_ERROR), Chat SDK error codes (group 10xxx, attributes 2641/2642/8511/100xx,
// message 80002, SDK state 6014) and the IM/REST account codes 70001 … 70020.

/** TRTC v5 `RtcError.code` values (TRTC.ERROR_CODE). */
export const TrtcErrorCode = {
  INVALID_PARAMETER: 5000,
  INVALID_OPERATION: 5100,
  ENV_NOT_SUPPORTED: 5200,
  DEVICE_ERROR: 5300,
  SERVER_ERROR: 5400,
  OPERATION_FAILED: 5500,
  OPERATION_ABORT: 5998,
  UNKNOWN_ERROR: 5999,
} as const;

/** TRTC v5 `RtcError.extraCode` values this backend tells apart. */
export const TrtcExtraCode = {
  NOT_JOINED: 5101,
  REPEAT_CALL: 5104,
  NOT_SUPPORTED_HTTP: 5201,
  NOT_SUPPORTED_WEBRTC: 5202,
  DEVICE_NOT_FOUND: 5301,
  DEVICE_NOT_ALLOWED: 5302,
  DEVICE_NOT_READABLE: 5303,
  DEVICE_OVERCONSTRAINED: 5304,
  DEVICE_INVALID_STATE: 5305,
  DEVICE_SECURITY: 5306,
  DEVICE_ABORT: 5307,
  MICROPHONE_RECOVER_FAILED: 5309,
  NEED_TO_BUY: 5401,
  FIREWALL_RESTRICTION: 5501,
  REJOIN_FAILED: 5502,
} as const;

/** Account / signature codes (TRTC SERVER_ERROR extraCode, Chat login errors, REST). */
export const AccountCode = {
  BAD_SDKAPPID: -8,
  USERSIG_EXPIRED: 70001,
  USERSIG_EMPTY: 70002,
  USERSIG_INVALID: 70003,
  USERSIG_KEY_MISMATCH: 70009,
  USERSIG_USERID_MISMATCH: 70013,
  USERSIG_SDKAPPID_MISMATCH: 70014,
  USERSIG_NO_KEY: 70016,
  USERSIG_NO_SDKAPPID: 70020,
  USERSIG_RATE_LIMITED: 70050,
  ACCOUNT_BLOCKED: 70051,
  SERVICE_SUSPENDED: 10006,
  TRTC_SERVICE_SUSPENDED: -100013,
  TRTC_USERSIG_CHECK_FAILED: -100018,
} as const;

/** Chat SDK / server codes this backend tells apart. */
export const ChatCode = {
  SDK_NOT_READY: 6014,
  USERSIG_EXPIRED_IM: 6206,
  INVALID_PARAMETER: 10004,
  NO_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
  ALREADY_MEMBER: 10013,
  INVALID_GROUP_ID: 10015,
  MUTED: 10017,
  GROUP_ID_TAKEN: 10021,
  GROUP_ID_OWNED: 10025,
  ATTR_KEY_TOO_LONG: 10045,
  ATTR_VALUE_TOO_LONG: 10046,
  ATTR_TOO_MANY_KEYS: 10047,
  ATTR_TOO_LARGE: 10048,
  ATTR_SERVER_RATE_LIMITED: 10049,
  ATTR_NOT_AVCHATROOM: 2641,
  ATTR_NOT_JOINED: 2642,
  ATTR_SDK_RATE_LIMITED: 8511,
  MESSAGE_TOO_LONG: 80002,
} as const;

const AUTH_CODES = new Set<number>([
  AccountCode.BAD_SDKAPPID, AccountCode.USERSIG_EXPIRED, AccountCode.USERSIG_EMPTY, AccountCode.USERSIG_INVALID,
  AccountCode.USERSIG_KEY_MISMATCH, AccountCode.USERSIG_USERID_MISMATCH, AccountCode.USERSIG_SDKAPPID_MISMATCH,
  AccountCode.USERSIG_NO_KEY, AccountCode.USERSIG_NO_SDKAPPID, AccountCode.USERSIG_RATE_LIMITED, AccountCode.ACCOUNT_BLOCKED,
  AccountCode.TRTC_USERSIG_CHECK_FAILED, ChatCode.USERSIG_EXPIRED_IM,
]);

/** Codes after which fresh credentials may help (the signature ran out): fetch again once, then give up. */
export function isExpiredSignature(code: number | undefined): boolean {
  return code === AccountCode.USERSIG_EXPIRED || code === ChatCode.USERSIG_EXPIRED_IM;
}

export function isAuthFailure(code: number | undefined): boolean {
  return code !== undefined && AUTH_CODES.has(code);
}

function codeOf(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'number') return (error as { code: number }).code;
  return undefined;
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof (error as { message: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error);
}

function accountError(code: number, vendorMessage: string): RoomError | null {
  if (code === AccountCode.SERVICE_SUSPENDED || code === AccountCode.TRTC_SERVICE_SUSPENDED) {
    return new RoomError(ErrorCode.PERMISSION_DENIED, `The Tencent Cloud service is suspended for this SDKAppID (${code})`);
  }
  if (code === AccountCode.USERSIG_EXPIRED || code === ChatCode.USERSIG_EXPIRED_IM) return new RoomError(ErrorCode.NOT_LOGGED_IN, `The UserSig expired (${code})`);
  if (AUTH_CODES.has(code)) return new RoomError(ErrorCode.NOT_LOGGED_IN, `Tencent Cloud refused the credentials (${code}): ${vendorMessage}`);
  return null;
}

/** A rejected Chat promise (`{ code, message }`) as a RoomError. */
export function fromChatError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  if (code === undefined) return new RoomError(ErrorCode.UNKNOWN, message);
  const account = accountError(code, message);
  if (account) return account;
  switch (code) {
    case ChatCode.SDK_NOT_READY: return new RoomError(ErrorCode.NOT_LOGGED_IN, `Chat is not ready (${code})`);
    case ChatCode.INVALID_PARAMETER: return new RoomError(ErrorCode.INVALID_PARAMETER, message);
    case ChatCode.NO_PERMISSION: return new RoomError(ErrorCode.PERMISSION_DENIED, message);
    case ChatCode.GROUP_NOT_FOUND:
    case ChatCode.INVALID_GROUP_ID: return new RoomError(ErrorCode.ROOM_NOT_FOUND);
    case ChatCode.GROUP_ID_TAKEN: return new RoomError(ErrorCode.ROOM_EXISTS);
    case ChatCode.MUTED: return new RoomError(ErrorCode.MEMBER_MUTED);
    case ChatCode.ATTR_SDK_RATE_LIMITED:
    case ChatCode.ATTR_SERVER_RATE_LIMITED: return new RoomError(ErrorCode.RATE_LIMITED);
    case ChatCode.MESSAGE_TOO_LONG: return new RoomError(ErrorCode.INVALID_PARAMETER, 'The message is longer than Chat allows (12 KB)');
    default: return new RoomError(ErrorCode.UNKNOWN, `Chat error ${code}: ${message}`);
  }
}

/** A TRTC `RtcError` (thrown by an API or emitted as TRTC.EVENT.ERROR) as a RoomError. */
export function fromTrtcError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  const code = codeOf(error);
  const extra = error && typeof error === 'object' && 'extraCode' in error ? (error as { extraCode?: number }).extraCode : undefined;
  const message = messageOf(error);
  switch (code) {
    case TrtcErrorCode.DEVICE_ERROR:
      switch (extra) {
        case TrtcExtraCode.DEVICE_NOT_FOUND: return new RoomError(ErrorCode.MIC_NOT_FOUND);
        case TrtcExtraCode.DEVICE_NOT_ALLOWED:
        case TrtcExtraCode.DEVICE_SECURITY: return new RoomError(ErrorCode.MIC_NOT_AUTHORIZED);
        case TrtcExtraCode.DEVICE_NOT_READABLE: return new RoomError(ErrorCode.MIC_BUSY);
        default: return new RoomError(ErrorCode.MIC_OPEN_FAILED, `The microphone could not be opened (${extra ?? code})`);
      }
    case TrtcErrorCode.ENV_NOT_SUPPORTED:
      return new RoomError(ErrorCode.NO_AV_PERMISSION, extra === TrtcExtraCode.NOT_SUPPORTED_HTTP ? 'Audio needs a secure context (https or localhost)' : `This browser cannot do real-time audio (${extra ?? code})`);
    case TrtcErrorCode.SERVER_ERROR: {
      if (extra === TrtcExtraCode.NEED_TO_BUY) return new RoomError(ErrorCode.PERMISSION_DENIED, 'The TRTC package does not cover this feature (5401)');
      const account = extra !== undefined ? accountError(extra, message) : null;
      return account ?? new RoomError(ErrorCode.CONNECTION_LOST, `TRTC server error ${extra ?? ''}: ${message}`.trim());
    }
    case TrtcErrorCode.OPERATION_FAILED: return new RoomError(ErrorCode.CONNECTION_LOST, `Audio connection failed (${extra ?? code})`);
    case TrtcErrorCode.INVALID_PARAMETER: return new RoomError(ErrorCode.INVALID_PARAMETER, message);
    case TrtcErrorCode.INVALID_OPERATION:
      return new RoomError(extra === TrtcExtraCode.NOT_JOINED ? ErrorCode.NOT_IN_ROOM : ErrorCode.REPEATED_OPERATION, message);
    case TrtcErrorCode.OPERATION_ABORT: return new RoomError(ErrorCode.REPEATED_OPERATION, `Aborted: ${message}`);
    default: return new RoomError(ErrorCode.UNKNOWN, `TRTC error ${code ?? '?'}: ${message}`);
  }
}

/**
 * TRTC.EVENT.KICKED_OUT `reason` (BannedReason): `kick` = the same userId entered the room elsewhere, `banned` = an
 * admin removed the user (server API RemoveUser), `room_disband` = the room was dismissed (DismissRoom).
 */
export function fromTrtcKickedOut(reason: string): RoomError {
  switch (reason) {
    case 'kick': return new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE);
    case 'banned': return new RoomError(ErrorCode.MEMBER_BANNED, 'Removed from the audio room by an administrator');
    case 'room_disband': return new RoomError(ErrorCode.ROOM_ENDED, 'The audio room was dismissed');
    default: return new RoomError(ErrorCode.CONNECTION_LOST, `Removed from the audio room (${reason})`);
  }
}

/**
 * Chat EVENT.KICKED_OUT `data.type`: multipleAccount / multipleDevice (signed in elsewhere), userSigExpired, REST_API_Kick.
 * An expired signature is not final: the backend fetches new credentials and signs in again first.
 */
export function fromChatKickedOut(type: string): RoomError {
  switch (type) {
    case 'multipleAccount':
    case 'multipleDevice': return new RoomError(ErrorCode.SIGNED_IN_ELSEWHERE);
    case 'userSigExpired': return new RoomError(ErrorCode.NOT_LOGGED_IN, 'The UserSig expired');
    case 'REST_API_Kick': return new RoomError(ErrorCode.NOT_LOGGED_IN, 'Signed out by the app server');
    default: return new RoomError(ErrorCode.CONNECTION_LOST, `Signed out (${type})`);
  }
}
