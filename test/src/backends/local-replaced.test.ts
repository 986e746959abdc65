// One person, two tabs: the server closes the older connection (CloseCode.replaced) when the same user connects
// again. The older tab must stop instead of reconnecting (which would replace the newer one, and so on forever,
// with the speaker heard in neither), say so (displaced), and take the room back only when asked: then the
// other tab stops in turn and does not fight back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, type RoomError } from '../../../src/model/errors.js';
import { createRoom } from '../../../src/store/room.js';
import { type ServerProcess, startServerProcess } from '../../contract/local-server.js';
import { until } from '../../until.js';

const olivia = { userId: 'olivia', userName: 'Olivia', avatarUrl: '' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LocalBackend: the same user in two tabs', () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServerProcess();
  });
  after(async () => {
    await server?.stop();
  });

  it('the older tab stops and says so, takes the room back on request, and the other tab does not fight back', async () => {
    const first = createRoom({ backend: server.backend('olivia'), roomId: 'tabs', user: olivia });
    await first.start({ roomName: 'Tabs' });
    const second = createRoom({ backend: server.backend('olivia'), roomId: 'tabs', user: olivia });
    await second.join();

    await until(() => first.state.displaced, 'the first tab is displaced');
    assert.equal(first.state.connection, 'disconnected');
    assert.equal(first.state.phase, 'live', 'still in the room, only not from this tab');
    // A replaced tab that reconnected would replace the other one within the back-off (50–500 ms here).
    await sleep(1_500);
    assert.equal(first.state.connection, 'disconnected', 'no reconnect');
    assert.equal(second.state.connection, 'connected');
    assert.equal(second.state.displaced, false);
    assert.equal(await server.connections(), 1);
    await assert.rejects(
      first.sendBarrage('from the old tab'),
      (e: RoomError) => e.code === ErrorCode.SIGNED_IN_ELSEWHERE,
    );
    await second.sendBarrage('from the new tab');

    // Take it back in the first tab: the second one now stops, and stays stopped.
    await first.takeOver();
    await until(
      () => first.state.connection === 'connected' && !first.state.displaced,
      'the first tab has the room again',
    );
    await until(() => second.state.displaced, 'the second tab is displaced');
    await sleep(1_500);
    assert.equal(first.state.connection, 'connected', 'not taken back by the other tab');
    assert.equal(second.state.connection, 'disconnected');
    await first.sendBarrage('back in the first tab');
    await until(
      () => first.state.snapshot!.barrage.some((m) => m.text === 'back in the first tab'),
      'the first tab sees its message',
    );
    assert.ok(
      first.state.snapshot!.barrage.some((m) => m.text === 'from the new tab'),
      'and what happened meanwhile (resync)',
    );

    for (const room of [first, second]) {
      room.dispose();
      await room.backend.close();
    }
  });
});
