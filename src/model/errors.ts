// Each code sits with its English message (`errorMessage`, a RoomError's default message): one table, so no code
// lacks a message and the kit's initial load carries each name once (about 190 B gzip less than a second table keyed by
// `[ErrorCode.X]`). `ErrorCode` below is the codes alone, with the same names, order and literal types.
const codes = {
  // general (seed: client general)
  UNKNOWN: [-1, 'Something went wrong'],
  RATE_LIMITED: [-2, 'Too many requests, slow down'],
  REPEATED_OPERATION: [-3, 'The operation is already in progress'],
  INVALID_PARAMETER: [-1001, 'Invalid parameter'],
  NOT_LOGGED_IN: [-1002, 'Not signed in'],
  // devices (seed: client devices); used by src/media
  NO_AV_PERMISSION: [-1003, 'No permission to use audio'],
  MIC_OPEN_FAILED: [-1104, 'The microphone could not be opened'],
  MIC_NOT_AUTHORIZED: [-1105, 'Microphone access was denied'],
  MIC_BUSY: [-1106, 'The microphone is in use by another application'],
  MIC_NOT_FOUND: [-1107, 'No microphone was found'],
  // room (seed: client room)
  NOT_IN_ROOM: [-2101, 'Enter the room first'],
  OWNER_CANNOT_LEAVE: [-2102, 'The owner cannot leave the room, only end it'],
  INVALID_ROOM_ID: [-2105, 'Invalid room ID (printable ASCII, at most 48 bytes)'],
  INVALID_ROOM_NAME: [-2107, 'Invalid room name'],
  ALREADY_IN_ROOM: [-2108, 'Already in another room'],
  USER_NOT_FOUND: [-2200, 'User not found'],
  // seats and requests (seed: client speaking and seats)
  OWNER_REQUIRED: [-2300, 'Only the owner can do this'],
  OWNER_OR_ADMIN_REQUIRED: [-2301, 'Only the owner or an admin can do this'],
  REQUEST_NO_PERMISSION: [-2310, 'No permission to answer this request'],
  REQUEST_INVALID: [-2311, 'The request does not exist or was already handled'],
  REQUEST_DUPLICATE: [-2312, 'A request is already pending'],
  SEAT_COUNT_LIMIT: [-2340, 'Seat count out of range'],
  SEAT_NOT_FOUND: [-2344, 'No such seat'],
  SEAT_AUDIO_LOCKED: [-2360, 'The microphone on this seat is locked'],
  ROOM_MUTED: [-2380, 'Messages are disabled in this room'],
  MEMBER_MUTED: [-2381, 'You are muted'],
  // kit-specific (no seed code exists)
  GIFT_NOT_FOUND: [-2901, 'Unknown gift'],
  INSUFFICIENT_BALANCE: [-2902, 'Not enough coins'],
  BARRAGE_EMPTY: [-2903, 'The message is empty'],
  BARRAGE_TOO_LONG: [-2904, 'The message is too long'],
  ROOM_ENDED: [-2905, 'The room has ended'],
  CANNOT_TARGET_SELF: [-2906, 'You cannot do this to yourself'],
  CONNECTION_LOST: [-2907, 'Connection lost'],
  TIMEOUT: [-2908, 'The server did not answer in time'],
  /** The same user signed in on another device or tab (Tencent KICKED_OUT `kick` / `multipleAccount`). */
  SIGNED_IN_ELSEWHERE: [-2909, 'Signed in on another device or tab'],
  /** Following more users than the limit (local server: VR_MAX_FOLLOWING, default 5,000). */
  FOLLOW_LIMIT: [-2910, 'You follow too many users'],
  /** Starting more rooms than the per-user limit allows (local server: VR_ROOM_START_RATE, default 5 per minute). */
  ROOM_START_LIMIT: [-2911, 'Too many rooms started, try again later'],
  // server (seed: server SDK 2.0)
  INTERNAL: [100001, 'Internal server error'],
  INVALID_PARAM: [100002, 'Invalid parameter'],
  ROOM_EXISTS: [100003, 'The room ID is already used'],
  ROOM_NOT_FOUND: [100004, 'The room does not exist or has ended'],
  NOT_A_MEMBER: [100005, 'The user is not in the room'],
  PERMISSION_DENIED: [100006, 'Permission denied'],
  ROOM_FULL: [100008, 'The room is full'],
  MEMBER_BANNED: [100016, 'You are banned from this room'],
  MEMBER_MUTED_SERVER: [100017, 'The member is muted'],
  TOO_MANY_ADMINS: [100020, 'A room has at most 5 admins'],
  SEAT_LOCKED: [100200, 'The seat is locked'],
  SEAT_OCCUPIED: [100201, 'The seat is taken'],
  ALREADY_QUEUED: [100202, 'You already applied for a seat'],
  ALREADY_ON_SEAT: [100203, 'Already on a seat'],
  NOT_IN_QUEUE: [100204, 'Not in the queue'],
  SEATS_FULL: [100205, 'All seats are taken'],
  NOT_ON_SEAT: [100206, 'Not on a seat'],
  SEAT_HAS_USER: [100210, 'A user is already on the seat'],
  SEATS_DISABLED: [100211, 'This room has no seats'],
} as const;

/**
 * Error codes. Where the seed documents (TUILiveKit / RoomEngine) define a code we reuse it unchanged, so the
 * REST surface and the Tencent backend can pass codes through: client codes are negative (−1xxx devices,
 * −2xxx room/seat/request/barrage), server codes are 100xxx. Codes the seeds do not have (gifts, wallet,
 * barrage validation, protocol) live in the kit's own range −29xx so they can never collide with a seed code.
 */
export const ErrorCode = Object.fromEntries(Object.entries(codes).map(([name, [code]]) => [name, code])) as {
  readonly [K in keyof typeof codes]: (typeof codes)[K][0];
};

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const messages = new Map<unknown, string>(Object.values(codes));

export function errorMessage(code: ErrorCode): string {
  return messages.get(code) ?? codes.UNKNOWN[1];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return messages.has(value);
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
