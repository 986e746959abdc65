import type { CommandType } from '../model/commands.js';
import type { SeatRequest } from '../model/request.js';
import type { Seat } from '../model/seat.js';
import { entry } from '../rules/records.js';

/**
 * The keys `pending$` counts commands in flight under. A command aimed at one seat, person, request or gift is
 * counted per target, so each seat or row can show its own spinner; any other command under its type. The store
 * and every element that shows a spinner build keys here, so both sides agree and a misspelt key fails typecheck.
 */
export const pendingKey = {
  /** `null`: any free seat. */
  seatTake: (index: number | null) => `seat.take:${index ?? 'any'}` as const,
  seatMove: (index: number) => `seat.move:${index}` as const,
  seatKick: (userId: string) => `seat.kick:${userId}` as const,
  seatLock: (index: number) => `seat.lock:${index}` as const,
  seatLockAudio: (index: number) => `seat.lockAudio:${index}` as const,
  requestInvite: (userId: string) => `request.invite:${userId}` as const,
  requestRespond: (requestId: string) => `request.respond:${requestId}` as const,
  requestCancel: (requestId: string) => `request.cancel:${requestId}` as const,
  /** A `room.update` that switches the seat mode (the live-info panel shows it apart from other edits). */
  seatMode: () => 'room.update:seatMode' as const,
  giftSend: (giftId: string) => `gift.send:${giftId}` as const,
  follow: (userId: string) => `follow:${userId}` as const,
  memberMute: (userId: string) => `member.mute:${userId}` as const,
  memberKick: (userId: string) => `member.kick:${userId}` as const,
  adminSet: (userId: string) => `admin.set:${userId}` as const,
};

/** A key in `pending$`: a command's type, or one of `pendingKey`'s per-target keys. */
export type PendingKey = CommandType | ReturnType<(typeof pendingKey)[keyof typeof pendingKey]>;

/** How many commands are in flight under each key (`pending$`). */
export type PendingCounts = Readonly<Record<string, number>>;

/** Whether a command under `key` is in flight. */
export function isPendingIn(pending: PendingCounts, key: PendingKey): boolean {
  return (entry(pending, key) ?? 0) > 0;
}

/**
 * The keys that show seat `seat` busy for me (`me`: my user ID): a take, move, lock or microphone lock of the seat,
 * a kick of its occupant, my leaving it, and withdrawing my application (`application`) for it.
 */
export function seatPendingKeys(seat: Seat, me: string | undefined, application: SeatRequest | null): PendingKey[] {
  const { index } = seat;
  const keys: PendingKey[] = [
    pendingKey.seatTake(index),
    pendingKey.seatMove(index),
    pendingKey.seatLock(index),
    pendingKey.seatLockAudio(index),
  ];
  if (seat.user) keys.push(pendingKey.seatKick(seat.user.userId));
  if (seat.user && seat.user.userId === me) keys.push('seat.leave');
  if (application && application.seatIndex === index) keys.push(pendingKey.requestCancel(application.requestId));
  return keys;
}

/**
 * The keys that show the room's microphone button busy: self-muting, withdrawing my application (`application`),
 * and taking the seat the button offers (`freeSeat`, -1 for none).
 */
export function micPendingKeys(application: SeatRequest | null, freeSeat: number): PendingKey[] {
  const keys: PendingKey[] = ['seat.selfMute'];
  if (application) keys.push(pendingKey.requestCancel(application.requestId));
  if (freeSeat >= 0) keys.push(pendingKey.seatTake(freeSeat));
  return keys;
}

/** Whether a command under any of `keys` is in flight. */
export function anyPendingIn(pending: PendingCounts, keys: readonly PendingKey[]): boolean {
  return keys.some((key) => isPendingIn(pending, key));
}
