// Small rooms for the store's unit tests: a snapshot at a chosen version, seats, and batches that change them.
import assert from 'node:assert/strict';
import type { EventBatch, RoomEvent } from '../../../src/model/events.js';
import type { RoomSnapshot } from '../../../src/model/room.js';
import type { Seat } from '../../../src/model/seat.js';
import type { UserInfo } from '../../../src/model/user.js';
import { createRoomState, toSnapshot } from '../../../src/rules/index.js';
import type { RoomViewState } from '../../../src/store/room-state.js';
import { initialRoomState } from '../../../src/store/room-state.js';

export const ROOM = 'store-unit';
export const owner: UserInfo = { userId: 'owner', userName: 'Owner', avatarUrl: '' };
export const me: UserInfo = { userId: 'me', userName: 'Me', avatarUrl: '' };
export const alice: UserInfo = { userId: 'alice', userName: 'Alice', avatarUrl: '' };

/** The room at `version`: the owner on seat 0 of 8 free seats, me and alice in the audience. */
export function snapshotAt(version: number): RoomSnapshot {
  const created = createRoomState({ roomId: ROOM, owner, options: { seatCount: 8, seatMode: 'free' }, now: 1_000 });
  assert.ok(created.ok);
  return { ...toSnapshot(created.state), version, audience: { recent: [alice, me, owner], total: 3 } };
}

/** The store's state, live in the room at `version`. */
export function liveAt(version: number): RoomViewState {
  return { ...initialRoomState(1_000), phase: 'live', snapshot: snapshotAt(version) };
}

export const seat = (index: number, user: UserInfo | null, flags: Partial<Seat> = {}): Seat => ({
  index,
  user,
  locked: false,
  audioLocked: false,
  selfMuted: false,
  ...flags,
});
export const batch = (version: number, ...events: RoomEvent[]): EventBatch => ({ roomId: ROOM, version, events });
export const takes = (index: number, user: UserInfo | null): RoomEvent => ({
  type: 'seats.updated',
  seats: [seat(index, user)],
});
