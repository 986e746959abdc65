// A start or join that fails leaves the room in phase `failed` with the reason, never back at 'idle' (where a
// screen shows its joining skeleton forever), and `retry()` repeats it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend, createMemoryServer } from '../../../src/backends/memory/index.js';
import { ErrorCode, type RoomError } from '../../../src/model/errors.js';
import type { UserInfo } from '../../../src/model/user.js';
import { createRoom } from '../../../src/store/room.js';

const olivia: UserInfo = { userId: 'olivia', userName: 'Olivia', avatarUrl: '' };
const leo: UserInfo = { userId: 'leo', userName: 'Leo', avatarUrl: '' };

describe('a failed start or join', () => {
  it('says why in phase failed, and retry() joins once the room exists', async () => {
    const server = createMemoryServer();
    const room = createRoom({ backend: createMemoryBackend({ server }), roomId: 'later', user: leo });
    const failures: (RoomError | null)[] = [];
    room.failure$.subscribe((f) => failures.push(f));
    await assert.rejects(room.join(), (e: RoomError) => e.code === ErrorCode.ROOM_NOT_FOUND);
    assert.equal(room.state.phase, 'failed');
    assert.equal(room.state.failure?.code, ErrorCode.ROOM_NOT_FOUND);

    const owner = createRoom({ backend: createMemoryBackend({ server }), roomId: 'later', user: olivia });
    await owner.start({ roomName: 'Later' });
    await room.retry();
    assert.equal(room.state.phase, 'live');
    assert.equal(room.state.failure, null);
    assert.deepEqual(
      failures.map((f) => f?.code ?? null),
      [null, ErrorCode.ROOM_NOT_FOUND, null],
    );
    room.dispose();
    owner.dispose();
    server.stop();
  });

  it('retries a start with the options it was given', async () => {
    const server = createMemoryServer();
    const backend = createMemoryBackend({ server });
    const other = createRoom({ backend, roomId: 'other', user: olivia });
    await other.start({ roomName: 'Other' });
    const room = createRoom({ backend, roomId: 'mine', user: olivia });
    await assert.rejects(
      room.start({ roomName: 'Mine', seatCount: 4 }),
      (e: RoomError) => e.code === ErrorCode.ALREADY_IN_ROOM,
    );
    assert.equal(room.state.phase, 'failed');
    await other.end();
    await room.retry();
    assert.equal(room.state.phase, 'live');
    assert.equal(room.state.snapshot?.info.name, 'Mine');
    assert.equal(room.state.snapshot?.seats.length, 4);
    room.dispose();
    other.dispose();
    server.stop();
  });
});
