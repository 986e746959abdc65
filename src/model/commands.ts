import type { AudiencePage } from './audience.js';
import type { FollowInfo } from './follow.js';
import type { Gift, GiftReceived } from './gift.js';
import type { LiveInfoPatch, StartOptions } from './live-info.js';
import type { SeatRequest } from './request.js';
import type { RoomSnapshot } from './room.js';
import type { RoomListPage } from './room-list.js';
import type { MovePolicy } from './seat.js';
import type { UserProfile } from './user.js';

/**
 * Every command a client can send, with what it answers. The memory backend executes these in-process, the local
 * server receives them as protocol frames, the Tencent backend maps them to SDK calls: one vocabulary for all.
 */
/** Commands without arguments. */
export type NoArgs = Record<never, never>;

export interface CommandMap {
  'room.start': { args: { roomId: string; options: StartOptions }; result: RoomSnapshot };
  'room.join': { args: { roomId: string }; result: RoomSnapshot };
  'room.leave': { args: NoArgs; result: null };
  'room.end': { args: NoArgs; result: null };
  'room.snapshot': { args: NoArgs; result: RoomSnapshot };
  'room.update': { args: { patch: LiveInfoPatch }; result: null };
  'room.list': { args: { cursor?: string; count?: number }; result: RoomListPage };
  'seat.take': {
    args: { index: number | null; timeoutSec?: number };
    result: { seated: true; index: number } | { seated: false; request: SeatRequest };
  };
  'seat.leave': { args: NoArgs; result: null };
  'seat.move': { args: { index: number; policy?: MovePolicy }; result: null };
  'seat.kick': { args: { userId: string }; result: null };
  'seat.lock': { args: { index: number; locked: boolean }; result: null };
  'seat.lockAudio': { args: { index: number; locked: boolean }; result: null };
  'seat.selfMute': { args: { muted: boolean }; result: null };
  'request.invite': { args: { userId: string; index: number | null; timeoutSec?: number }; result: SeatRequest };
  'request.respond': { args: { requestId: string; accept: boolean }; result: SeatRequest };
  'request.cancel': { args: { requestId: string }; result: SeatRequest };
  'request.respondAll': { args: { accept: boolean }; result: { handled: number } };
  'barrage.send': { args: { text: string }; result: null };
  'like.send': { args: { count: number }; result: { total: number } };
  'gift.catalog': { args: NoArgs; result: readonly Gift[] };
  'gift.send': {
    args: { giftId: string; count: number; receiverId: string };
    result: { gift: GiftReceived; balance: number; walletVersion: number };
  };
  'wallet.get': { args: NoArgs; result: { balance: number; walletVersion: number } };
  'follow.set': { args: { userId: string; follow: boolean }; result: FollowInfo };
  'follow.get': { args: { userId: string }; result: FollowInfo };
  'profile.get': { args: { userId: string }; result: UserProfile };
  'member.mute': { args: { userId: string; seconds: number }; result: null };
  'member.kick': { args: { userId: string }; result: null };
  'member.ban': { args: { userIds: readonly string[]; seconds: number }; result: null };
  'member.unban': { args: { userIds: readonly string[] }; result: null };
  'admin.set': { args: { userId: string; admin: boolean }; result: null };
  'audience.list': { args: { cursor?: string; keyword?: string; count?: number }; result: AudiencePage };
}

export type CommandType = keyof CommandMap;
export type CommandArgs<T extends CommandType> = CommandMap[T]['args'];
export type CommandResult<T extends CommandType> = CommandMap[T]['result'];

/** A command as sent over any transport. */
export type RoomCommand = { [T in CommandType]: { readonly type: T } & CommandArgs<T> }[CommandType];
export type CommandOf<T extends CommandType> = Extract<RoomCommand, { type: T }>;

export const COMMAND_TYPES = [
  'room.start',
  'room.join',
  'room.leave',
  'room.end',
  'room.snapshot',
  'room.update',
  'room.list',
  'seat.take',
  'seat.leave',
  'seat.move',
  'seat.kick',
  'seat.lock',
  'seat.lockAudio',
  'seat.selfMute',
  'request.invite',
  'request.respond',
  'request.cancel',
  'request.respondAll',
  'barrage.send',
  'like.send',
  'gift.catalog',
  'gift.send',
  'wallet.get',
  'follow.set',
  'follow.get',
  'profile.get',
  'member.mute',
  'member.kick',
  'member.ban',
  'member.unban',
  'admin.set',
  'audience.list',
] as const satisfies readonly CommandType[];

/** A command's answer as every backend delivers it. */
export interface Answer<T extends CommandType> {
  readonly result: CommandResult<T>;
  /** The room version after the command when it changed the room; the store waits until it has applied it. */
  readonly version?: number;
}
