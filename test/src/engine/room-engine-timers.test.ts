// The room engine's timers (request timeouts, seat leases) must end what they are for even when a timer fires a
// moment before the clock reads its deadline, as Node's timers (monotonic) do against Date.now() (wall clock).
// Found as a flaky "seat released after the lease" in the local server's socket test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryBackend, createMemoryServer } from '../../../src/backends/memory/index.js';
import { type Clock, createManualClock } from '../../../src/model/clock.js';
import { createRoom } from '../../../src/store/room.js';

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('room engine timers', () => {
  it('a lease whose timer fires 1 ms early still ends: the timer is armed again', async () => {
    const manual = createManualClock();
    // Every timer longer than 1 ms fires 1 ms before it is due.
    const early: Clock = {
      now: () => manual.now(),
      setTimeout: (fn, ms) => manual.setTimeout(fn, ms > 1 ? ms - 1 : ms),
      clearTimeout: (h) => manual.clearTimeout(h),
    };
    const server = createMemoryServer({ clock: early, limits: { seatLeaseMs: 5_000 } });
    const host = createRoom({
      backend: createMemoryBackend({ server }),
      roomId: 'early',
      user: { userId: 'ava', userName: 'Ava', avatarUrl: '' },
      clock: manual,
    });
    await host.start({ roomName: 'Early timers', seatMode: 'free' });
    const guestBackend = createMemoryBackend({ server });
    const guest = createRoom({
      backend: guestBackend,
      roomId: 'early',
      user: { userId: 'ben', userName: 'Ben', avatarUrl: '' },
      clock: manual,
    });
    await guest.join();
    await guest.takeSeat(3);
    await flush();
    guestBackend.drop();
    await flush();
    manual.advance(4_999);
    await flush();
    assert.equal(
      host.state.snapshot!.seats[3]!.user?.userId,
      'ben',
      'kept during the lease (the timer fired here and found nothing due)',
    );
    manual.advance(5);
    await flush();
    assert.equal(host.state.snapshot!.seats[3]!.user, null, 'released once the lease is over');
    host.dispose();
    guest.dispose();
    server.stop();
  });
});
