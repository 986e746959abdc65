import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/model/errors.js';
import { ROOM_LIST_PAGE_SIZE, type RoomListItem } from '../../../src/model/room-list.js';
import { listRooms, toRoomListItem } from '../../../src/rules/room-list.js';
import { endRoom } from '../../../src/rules/room.js';
import { as, deepFreeze, expectError, expectOk, NOW, owner, roomWith, unwrapOk, user } from './fixtures.js';

function item(roomId: string, viewers: number): RoomListItem {
  return { roomId, name: roomId, coverUrl: '', owner, viewers, createdAt: NOW };
}

describe('toRoomListItem', () => {
  it('a live public room is listed with the people in it besides the owner as viewers', () => {
    const room = roomWith({ options: { roomName: 'Hi', coverUrl: 'c' } });
    assert.equal(room.memberCount, 4);
    assert.deepEqual(toRoomListItem(room), {
      roomId: 'room-1',
      name: 'Hi',
      coverUrl: 'c',
      owner,
      viewers: 3,
      createdAt: NOW,
    });
  });

  for (const row of [
    { name: 'a private room', room: roomWith({ options: { isPublicVisible: false } }) },
    { name: 'an ended room', room: unwrapOk(endRoom(roomWith(), as(owner))) },
  ]) {
    it(`${row.name} is not listed`, () => assert.equal(toRoomListItem(row.room), null));
  }
});

describe('listRooms', () => {
  const items = deepFreeze([
    item('b', 5),
    item('a', 5),
    item('c', 9),
    item('d', 0),
    item('e:colon', 5),
    item('f', 1),
    item('g', 9),
    item('h%20', 2),
  ]);
  const order = ['c', 'g', 'a', 'b', 'e:colon', 'h%20', 'f', 'd'];

  it('orders by viewers, most first, then room ID', () => {
    const { state, events } = expectOk(listRooms(items));
    assert.deepEqual(events, []);
    assert.deepEqual(
      state.rooms.map((r) => r.roomId),
      order,
    );
    assert.equal(state.next, '');
  });

  for (const count of [1, 2, 3, 7, 8]) {
    it(`pages of ${count} cover every room once, in order, and end with an empty cursor`, () => {
      const seen: string[] = [];
      let cursor = '';
      for (let guard = 0; guard < 20; guard++) {
        const page = expectOk(listRooms(items, cursor, count)).state;
        assert.ok(page.rooms.length <= count);
        seen.push(...page.rooms.map((r) => r.roomId));
        cursor = page.next;
        if (!cursor) break;
      }
      assert.deepEqual(seen, order);
    });
  }

  it('a cursor continues after its room even when rooms open and close in between', () => {
    const first = expectOk(listRooms(items, '', 3)).state;
    assert.deepEqual(
      first.rooms.map((r) => r.roomId),
      ['c', 'g', 'a'],
    );
    const changed = [...items.filter((r) => r.roomId !== 'b'), item('aa', 5), item('z', 100)];
    const second = expectOk(listRooms(changed, first.next, 3)).state;
    assert.deepEqual(
      second.rooms.map((r) => r.roomId),
      ['aa', 'e:colon', 'h%20'],
    );
  });

  it(`the default page is ${ROOM_LIST_PAGE_SIZE} rooms`, () => {
    const many = Array.from({ length: ROOM_LIST_PAGE_SIZE + 1 }, (_, i) => item(`r${String(i).padStart(2, '0')}`, i));
    const page = expectOk(listRooms(many)).state;
    assert.equal(page.rooms.length, ROOM_LIST_PAGE_SIZE);
    assert.equal(page.rooms[0]?.roomId, 'r20');
    assert.notEqual(page.next, '');
    const last = expectOk(listRooms(many, page.next)).state;
    assert.deepEqual(
      last.rooms.map((r) => r.roomId),
      ['r00'],
    );
    assert.equal(last.next, '');
  });

  it('an empty list is one empty page', () => assert.deepEqual(expectOk(listRooms([])).state, { rooms: [], next: '' }));

  for (const row of [
    { name: 'count 0', cursor: '', count: 0 },
    { name: `count ${ROOM_LIST_PAGE_SIZE + 1}`, cursor: '', count: ROOM_LIST_PAGE_SIZE + 1 },
    { name: 'a fractional count', cursor: '', count: 1.5 },
    { name: 'a cursor without a separator', cursor: 'abc', count: 5 },
    { name: 'a cursor without a room ID', cursor: '5:', count: 5 },
    { name: 'a cursor with non-numeric viewers', cursor: 'x:a', count: 5 },
    { name: 'a cursor with broken percent-encoding', cursor: '5:%E0%A4%A', count: 5 },
    { name: 'a non-string cursor', cursor: 5 as unknown as string, count: 5 },
  ]) {
    it(`${row.name} → INVALID_PARAMETER (-1001)`, () => {
      expectError(listRooms(items, row.cursor, row.count), ErrorCode.INVALID_PARAMETER);
    });
  }

  it('listed items come from live public rooms only', () => {
    const rooms = [
      roomWith({ roomId: 'open' }),
      roomWith({ roomId: 'busy', members: [user('x'), user('y'), user('z'), user('w')] }),
      roomWith({ roomId: 'hidden', options: { isPublicVisible: false } }),
      unwrapOk(endRoom(roomWith({ roomId: 'over' }), as(owner))),
    ];
    const listed = rooms.map(toRoomListItem).filter((r): r is RoomListItem => r !== null);
    assert.deepEqual(
      expectOk(listRooms(listed)).state.rooms.map((r) => [r.roomId, r.viewers]),
      [
        ['busy', 4],
        ['open', 3],
      ],
    );
  });
});
