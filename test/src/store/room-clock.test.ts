// Deadlines in the room state (request timeouts, mutes) are on the authority's clock: the local server's (on
// Tencent, the clock of whoever set them). A client whose clock is off by a minute must still count down the right time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend, createMemoryServer } from '../../../src/backends/memory/index.js';
import { createManualClock } from '../../../src/model/clock.js';
import { createRoom } from '../../../src/store/room.js';
import { ClockOffset } from '../../../src/store/clock-offset.js';

const T = 1_700_000_000_000;
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('ClockOffset', () => {
  it('takes the most promptly delivered sample of the recent window', () => {
    const offset = new ClockOffset(4);
    assert.equal(offset.value, 0, 'no samples: no correction');
    offset.sample(T + 60_000, T + 200); // 200 ms in flight
    offset.sample(T + 61_000, T + 1_050); // 50 ms in flight: the best
    offset.sample(T + 62_000, T + 2_900);
    assert.equal(offset.value, 59_950);
  });

  it('treats offsets within a second as network noise, ignores bad stamps, forgets old samples', () => {
    const offset = new ClockOffset(2);
    offset.sample(T + 400, T);
    assert.equal(offset.value, 0, 'within a second counts as the same clock');
    offset.sample(Number.NaN, T);
    offset.sample('soon', T);
    offset.sample(undefined, T);
    assert.equal(offset.value, 0);
    offset.sample(T - 30_000, T);
    offset.sample(T - 30_000, T);
    assert.equal(offset.value, -30_000, 'a clock behind by 30 s once the window holds only those samples');
  });
});

describe('Room.now() follows the authority clock', () => {
  it("a listener whose clock is 90 s slow sees an invitation's full timeout, and state.now matches the server", async () => {
    const serverClock = createManualClock(T + 90_000);
    const server = createMemoryServer({ clock: serverClock });
    const hostClock = createManualClock(T + 90_000);
    const host = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'skew',
      user: { userId: 'ava', userName: 'Ava', avatarUrl: '' },
      clock: hostClock,
    });
    await host.start({ roomName: 'Skew', seatMode: 'apply' });
    const slowClock = createManualClock(T);
    const listener = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'skew',
      user: { userId: 'ben', userName: 'Ben', avatarUrl: '' },
      clock: slowClock,
    });
    await listener.join();
    const invitation = await host.inviteToSeat('ben', 2, { timeoutSec: 60 });
    await flush();
    const left = invitation.expiresAt! - listener.now();
    assert.equal(left, 60_000, 'the countdown starts at 60 s, not 150 s');
    assert.equal(listener.state.now, serverClock.now(), 'the store time is the room time');
    assert.equal(host.now(), hostClock.now(), 'a client on the server clock is not corrected');
    host.dispose();
    listener.dispose();
    server.stop();
  });
});
