import { ErrorCode } from '../model/errors.js';
import type { RoomState } from '../model/room.js';
import { ROOM_LIST_PAGE_SIZE, type RoomListItem, type RoomListPage } from '../model/room-list.js';
import { type RuleResult, fail, ok } from './result.js';
import { mapHas } from './persistent-map.js';

/**
 * Only live, public rooms are listed (REST IsPublicVisible). Viewers = members present now other than the owner:
 * the lobby says "N listening", and a host alone in their room is nobody listening (REST's ViewCount, entries over
 * the room's life, is a different number and unchanged).
 */
export function toRoomListItem(room: RoomState): RoomListItem | null {
  if (room.status !== 'live' || !room.info.isPublicVisible) return null;
  const { roomId, name, coverUrl, owner, createdAt } = room.info;
  const viewers = room.memberCount - (mapHas(room.members, owner.userId) ? 1 : 0);
  return { roomId, name, coverUrl, owner, viewers: Math.max(0, viewers), createdAt };
}

function byViewers(a: RoomListItem, b: RoomListItem): number {
  return b.viewers - a.viewers || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0);
}

function encodeCursor(item: RoomListItem): string {
  return `${item.viewers}:${encodeURIComponent(item.roomId)}`;
}

function decodeCursor(cursor: string): RoomListItem | null {
  const match = /^(\d+):(.+)$/.exec(cursor);
  if (!match) return null;
  try {
    return { viewers: Number(match[1]), roomId: decodeURIComponent(match[2]!) } as RoomListItem;
  } catch {
    return null;
  }
}

/**
 * Pages of live rooms, most viewers first (room ID breaks ties). The cursor is the last item's sort key, so a page
 * continues after it even when rooms open or close in between.
 */
export function listRooms(
  items: readonly RoomListItem[],
  cursor = '',
  count = ROOM_LIST_PAGE_SIZE,
): RuleResult<RoomListPage> {
  if (!Number.isInteger(count) || count < 1 || count > ROOM_LIST_PAGE_SIZE)
    return fail(ErrorCode.INVALID_PARAMETER, `count must be 1..${ROOM_LIST_PAGE_SIZE}`);
  if (typeof cursor !== 'string') return fail(ErrorCode.INVALID_PARAMETER, 'bad cursor');
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after) return fail(ErrorCode.INVALID_PARAMETER, 'bad cursor');
  const sorted = [...items].sort(byViewers);
  const rest = after ? sorted.filter((item) => byViewers(item, after) > 0) : sorted;
  const rooms = rest.slice(0, count);
  return ok({ rooms, next: rest.length > count ? encodeCursor(rooms[rooms.length - 1]!) : '' });
}
