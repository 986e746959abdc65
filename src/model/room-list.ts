import type { UserInfo } from './user.js';

export interface RoomListItem {
  readonly roomId: string;
  readonly name: string;
  readonly coverUrl: string;
  readonly owner: UserInfo;
  /** People in the room now besides its owner (the lobby's "N listening"). */
  readonly viewers: number;
  readonly createdAt: number;
}

export interface RoomListPage {
  readonly rooms: readonly RoomListItem[];
  /** Opaque cursor for the next page; '' when the list is finished. */
  readonly next: string;
}

export const ROOM_LIST_PAGE_SIZE = 20;
