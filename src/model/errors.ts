/**
 * Error codes. Where the seed documents (TUILiveKit / RoomEngine) define a code we reuse it unchanged, so the
 * REST surface and the Tencent backend can pass codes through: client codes are negative (−1xxx devices,
 * −2xxx room/seat/request/barrage), server codes are 100xxx. Codes the seeds do not have (gifts, wallet,
 * barrage validation, protocol) live in the kit's own range −29xx so they can never collide with a seed code.
 */
export const ErrorCode = {
  // general (seed: client general)
  UNKNOWN: -1,
  RATE_LIMITED: -2,
  REPEATED_OPERATION: -3,
  INVALID_PARAMETER: -1001,
  NOT_LOGGED_IN: -1002,
  // devices (seed: client devices); used by src/media
  NO_AV_PERMISSION: -1003,
  MIC_OPEN_FAILED: -1104,
  MIC_NOT_AUTHORIZED: -1105,
  MIC_BUSY: -1106,
  MIC_NOT_FOUND: -1107,
  // room (seed: client room)
  NOT_IN_ROOM: -2101,
  OWNER_CANNOT_LEAVE: -2102,
  INVALID_ROOM_ID: -2105,
  INVALID_ROOM_NAME: -2107,
  ALREADY_IN_ROOM: -2108,
  USER_NOT_FOUND: -2200,
  // seats and requests (seed: client speaking and seats)
  OWNER_REQUIRED: -2300,
  OWNER_OR_ADMIN_REQUIRED: -2301,
  REQUEST_NO_PERMISSION: -2310,
  REQUEST_INVALID: -2311,
  REQUEST_DUPLICATE: -2312,
  SEAT_COUNT_LIMIT: -2340,
  SEAT_NOT_FOUND: -2344,
  SEAT_AUDIO_LOCKED: -2360,
  ROOM_MUTED: -2380,
  MEMBER_MUTED: -2381,
  // kit-specific (no seed code exists)
  GIFT_NOT_FOUND: -2901,
  INSUFFICIENT_BALANCE: -2902,
  BARRAGE_EMPTY: -2903,
  BARRAGE_TOO_LONG: -2904,
  ROOM_ENDED: -2905,
  CANNOT_TARGET_SELF: -2906,
  CONNECTION_LOST: -2907,
  TIMEOUT: -2908,
  /** The same user signed in on another device or tab (Tencent KICKED_OUT `kick` / `multipleAccount`). */
  SIGNED_IN_ELSEWHERE: -2909,
  /** Following more users than the limit (local server: VR_MAX_FOLLOWING, default 5,000). */
  FOLLOW_LIMIT: -2910,
  /** Starting more rooms than the per-user limit allows (local server: VR_ROOM_START_RATE, default 5 per minute). */
  ROOM_START_LIMIT: -2911,
  // server (seed: server SDK 2.0)
  INTERNAL: 100001,
  INVALID_PARAM: 100002,
  ROOM_EXISTS: 100003,
  ROOM_NOT_FOUND: 100004,
  NOT_A_MEMBER: 100005,
  PERMISSION_DENIED: 100006,
  ROOM_FULL: 100008,
  MEMBER_BANNED: 100016,
  MEMBER_MUTED_SERVER: 100017,
  TOO_MANY_ADMINS: 100020,
  SEAT_LOCKED: 100200,
  SEAT_OCCUPIED: 100201,
  ALREADY_QUEUED: 100202,
  ALREADY_ON_SEAT: 100203,
  NOT_IN_QUEUE: 100204,
  SEATS_FULL: 100205,
  NOT_ON_SEAT: 100206,
  SEAT_HAS_USER: 100210,
  SEATS_DISABLED: 100211,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const messages: Record<ErrorCode, string> = {
  [ErrorCode.UNKNOWN]: 'Something went wrong',
  [ErrorCode.RATE_LIMITED]: 'Too many requests, slow down',
  [ErrorCode.REPEATED_OPERATION]: 'The operation is already in progress',
  [ErrorCode.INVALID_PARAMETER]: 'Invalid parameter',
  [ErrorCode.NOT_LOGGED_IN]: 'Not signed in',
  [ErrorCode.NO_AV_PERMISSION]: 'No permission to use audio',
  [ErrorCode.MIC_OPEN_FAILED]: 'The microphone could not be opened',
  [ErrorCode.MIC_NOT_AUTHORIZED]: 'Microphone access was denied',
  [ErrorCode.MIC_BUSY]: 'The microphone is in use by another application',
  [ErrorCode.MIC_NOT_FOUND]: 'No microphone was found',
  [ErrorCode.NOT_IN_ROOM]: 'Enter the room first',
  [ErrorCode.OWNER_CANNOT_LEAVE]: 'The owner cannot leave the room, only end it',
  [ErrorCode.INVALID_ROOM_ID]: 'Invalid room ID (printable ASCII, at most 48 bytes)',
  [ErrorCode.INVALID_ROOM_NAME]: 'Invalid room name',
  [ErrorCode.ALREADY_IN_ROOM]: 'Already in another room',
  [ErrorCode.USER_NOT_FOUND]: 'User not found',
  [ErrorCode.OWNER_REQUIRED]: 'Only the owner can do this',
  [ErrorCode.OWNER_OR_ADMIN_REQUIRED]: 'Only the owner or an admin can do this',
  [ErrorCode.REQUEST_NO_PERMISSION]: 'No permission to answer this request',
  [ErrorCode.REQUEST_INVALID]: 'The request does not exist or was already handled',
  [ErrorCode.REQUEST_DUPLICATE]: 'A request is already pending',
  [ErrorCode.SEAT_COUNT_LIMIT]: 'Seat count out of range',
  [ErrorCode.SEAT_NOT_FOUND]: 'No such seat',
  [ErrorCode.SEAT_AUDIO_LOCKED]: 'The microphone on this seat is locked',
  [ErrorCode.ROOM_MUTED]: 'Messages are disabled in this room',
  [ErrorCode.MEMBER_MUTED]: 'You are muted',
  [ErrorCode.GIFT_NOT_FOUND]: 'Unknown gift',
  [ErrorCode.INSUFFICIENT_BALANCE]: 'Not enough coins',
  [ErrorCode.BARRAGE_EMPTY]: 'The message is empty',
  [ErrorCode.BARRAGE_TOO_LONG]: 'The message is too long',
  [ErrorCode.ROOM_ENDED]: 'The room has ended',
  [ErrorCode.CANNOT_TARGET_SELF]: 'You cannot do this to yourself',
  [ErrorCode.CONNECTION_LOST]: 'Connection lost',
  [ErrorCode.TIMEOUT]: 'The server did not answer in time',
  [ErrorCode.SIGNED_IN_ELSEWHERE]: 'Signed in on another device or tab',
  [ErrorCode.FOLLOW_LIMIT]: 'You follow too many users',
  [ErrorCode.ROOM_START_LIMIT]: 'Too many rooms started, try again later',
  [ErrorCode.INTERNAL]: 'Internal server error',
  [ErrorCode.INVALID_PARAM]: 'Invalid parameter',
  [ErrorCode.ROOM_EXISTS]: 'The room ID is already used',
  [ErrorCode.ROOM_NOT_FOUND]: 'The room does not exist or has ended',
  [ErrorCode.NOT_A_MEMBER]: 'The user is not in the room',
  [ErrorCode.PERMISSION_DENIED]: 'Permission denied',
  [ErrorCode.ROOM_FULL]: 'The room is full',
  [ErrorCode.MEMBER_BANNED]: 'You are banned from this room',
  [ErrorCode.MEMBER_MUTED_SERVER]: 'The member is muted',
  [ErrorCode.TOO_MANY_ADMINS]: 'A room has at most 5 admins',
  [ErrorCode.SEAT_LOCKED]: 'The seat is locked',
  [ErrorCode.SEAT_OCCUPIED]: 'The seat is taken',
  [ErrorCode.ALREADY_QUEUED]: 'You already applied for a seat',
  [ErrorCode.ALREADY_ON_SEAT]: 'Already on a seat',
  [ErrorCode.NOT_IN_QUEUE]: 'Not in the queue',
  [ErrorCode.SEATS_FULL]: 'All seats are taken',
  [ErrorCode.NOT_ON_SEAT]: 'Not on a seat',
  [ErrorCode.SEAT_HAS_USER]: 'A user is already on the seat',
  [ErrorCode.SEATS_DISABLED]: 'This room has no seats',
};

export function errorMessage(code: ErrorCode): string {
  return messages[code] ?? messages[ErrorCode.UNKNOWN];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(messages, value);
}

/** The one error type of the kit: every rejected command carries a documented code. */
export class RoomError extends Error {
  readonly code: ErrorCode;
  /** `options.cause`: the failure this error stands for, when it wraps one (ES2022 Error cause). */
  constructor(code: ErrorCode, message: string = errorMessage(code), options?: ErrorOptions) {
    super(message, options);
    this.name = 'RoomError';
    this.code = code;
  }
}

/**
 * Wraps anything thrown into a RoomError (unknown failures become UNKNOWN, keeping their message). What it wraps
 * stays its `cause`, so a log or a debugger still reaches the original stack and fields.
 */
export function toRoomError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  if (error && typeof error === 'object' && 'code' in error && isErrorCode((error as { code: unknown }).code)) {
    const { code, message } = error as { code: ErrorCode; message?: unknown };
    return new RoomError(code, typeof message === 'string' && message ? message : errorMessage(code), { cause: error });
  }
  return new RoomError(ErrorCode.UNKNOWN, error instanceof Error ? error.message : String(error), { cause: error });
}
