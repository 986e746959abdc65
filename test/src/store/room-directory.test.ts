import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom } from 'rxjs';
import { createMemoryBackend, createMemoryServer } from '../../../src/backends/memory/index.js';
import { ErrorCode, RoomError, createRoom, createRoomDirectory } from '../../../src/index.js';
import { flakyRoomList, openRooms } from '../../doubles/room-list.js';

const visitor = { userId: 'visitor', userName: 'Visitor', avatarUrl: '' };

describe('RoomDirectory', () => {
  it('pages through 45 rooms by cursor: 20 + 20 + 5, most viewers first, no duplicates', async () => {
    const server = createMemoryServer();
    await openRooms(server, 45, 7);
    const directory = createRoomDirectory({ backend: createMemoryBackend({ server }), user: visitor });
    assert.equal(await firstValueFrom(directory.hasMore$), false, 'nothing known before the first page');
    await directory.refresh();
    assert.equal(directory.state.rooms.length, 20);
    assert.equal(await firstValueFrom(directory.hasMore$), true);
    await directory.loadMore();
    assert.equal(directory.state.rooms.length, 40);
    await directory.loadMore();
    const list = directory.state.rooms;
    assert.equal(list.length, 45);
    assert.equal(new Set(list.map((r) => r.roomId)).size, 45);
    assert.equal(await firstValueFrom(directory.hasMore$), false);
    for (let i = 1; i < list.length; i += 1) assert.ok(list[i - 1]!.viewers >= list[i]!.viewers, 'sorted by viewers');
    assert.equal(list[0]!.viewers, 6, 'the listeners, not the host');
    await directory.loadMore(); // complete: a no-op
    assert.equal(directory.state.rooms.length, 45);
    server.stop();
  });

  it('reports loading while a page is on its way and refresh replaces the list', async () => {
    const server = createMemoryServer();
    await openRooms(server, 3, 7);
    const directory = createRoomDirectory({ backend: createMemoryBackend({ server }), user: visitor });
    const seen: boolean[] = [];
    const sub = directory.loading$.subscribe((l) => seen.push(l));
    await directory.refresh();
    assert.deepEqual(seen, [false, true, false]);
    const extra = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'late',
      user: { userId: 'late', userName: 'Late', avatarUrl: '' },
    });
    await extra.start({ roomName: 'Late show' });
    assert.equal(directory.state.rooms.length, 3);
    await directory.refresh();
    assert.equal(directory.state.rooms.length, 4);
    sub.unsubscribe();
    assert.equal(directory.observed, false);
    server.stop();
  });

  it('an empty server gives an empty, complete list', async () => {
    const server = createMemoryServer();
    const directory = createRoomDirectory({ backend: createMemoryBackend({ server }), user: visitor });
    await directory.refresh();
    assert.deepEqual(directory.state.rooms, []);
    assert.equal(directory.state.loaded, true);
    assert.equal(await firstValueFrom(directory.hasMore$), false);
    server.stop();
  });

  it('keeps the error, keeps what it had, and recovers on retry', async () => {
    const server = createMemoryServer();
    await openRooms(server, 25, 7);
    const backend = flakyRoomList(server);
    const directory = createRoomDirectory({ backend, user: visitor });
    await directory.refresh();
    backend.failing = true;
    await assert.rejects(directory.loadMore(), (e: RoomError) => e.code === ErrorCode.CONNECTION_LOST);
    assert.equal((await firstValueFrom(directory.error$))?.code, ErrorCode.CONNECTION_LOST);
    assert.equal(directory.state.rooms.length, 20, 'the loaded page stays');
    assert.equal(await firstValueFrom(directory.loading$), false);
    backend.failing = false;
    await directory.loadMore();
    assert.equal(directory.state.rooms.length, 25);
    assert.equal(directory.state.error, null);
    server.stop();
  });

  it('drops the answer of a page that a refresh overtook', async () => {
    const server = createMemoryServer();
    await openRooms(server, 25, 7);
    const directory = createRoomDirectory({ backend: createMemoryBackend({ server }), user: visitor });
    await directory.refresh();
    const more = directory.loadMore();
    const fresh = directory.refresh();
    await Promise.all([more, fresh]);
    assert.equal(directory.state.rooms.length, 20, 'the refreshed first page, not first page + stale second page');
    server.stop();
  });
  it('update() refreshes the first page quietly, keeps the list on failure, and leaves further pages alone', async () => {
    const server = createMemoryServer();
    await openRooms(server, 3, 7);
    const backend = flakyRoomList(server);
    const directory = createRoomDirectory({ backend, user: visitor });
    await directory.refresh();
    const loading: boolean[] = [];
    directory.loading$.subscribe((l) => loading.push(l));
    const late = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'late',
      user: { userId: 'late', userName: 'Late', avatarUrl: '' },
    });
    await late.start({ roomName: 'Late' });
    await directory.update();
    assert.equal(directory.state.rooms.length, 4);
    assert.deepEqual(loading, [false], 'never shown as loading');
    backend.failing = true;
    await late.end();
    await directory.update();
    assert.equal(directory.state.rooms.length, 4, 'a failed update keeps the list');
    assert.equal(directory.state.error, null, 'and says nothing');
    backend.failing = false;
    await directory.update();
    assert.equal(directory.state.rooms.length, 3, 'the ended room left');

    await openRooms(server, 45, 7);
    await directory.refresh();
    await directory.loadMore();
    assert.equal(directory.state.rooms.length, 40);
    await directory.update();
    assert.equal(directory.state.rooms.length, 40, 'two pages loaded: not yanked back to the first');
    // And once every page is there (45 rooms: 20 + 20 + 5), the list is complete but still longer than one page.
    await directory.loadMore();
    assert.equal(directory.state.rooms.length, 45);
    assert.equal(directory.state.next, '');
    await directory.update();
    assert.equal(directory.state.rooms.length, 45, 'every page loaded: not yanked back to the first');
  });
});
