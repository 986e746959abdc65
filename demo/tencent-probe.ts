// A page a user with a Tencent Cloud account runs to check their set-up (README, "The Tencent Cloud backend"):
// every step goes through the kit's own Tencent backend and store, so a pass here means the components will work.
import { createTencentBackend } from '../src/backends/tencent/index.js';
import { RoomError, createRoom } from '../src/index.js';

const form = document.querySelector<HTMLFormElement>('#probe')!;
const list = document.querySelector<HTMLOListElement>('#steps')!;

function report(step: string, outcome: 'ok' | 'failed', detail: string): void {
  const item = document.createElement('li');
  item.className = outcome;
  item.textContent = `${outcome === 'ok' ? '✓' : '✗'} ${step}: ${detail}`;
  list.append(item);
}

async function step<T>(
  name: string,
  run: () => Promise<T>,
  describe: (value: T) => string = () => 'done',
): Promise<T | undefined> {
  try {
    const value = await run();
    report(name, 'ok', describe(value));
    return value;
  } catch (error) {
    const detail =
      error instanceof RoomError
        ? `${error.code} ${error.message}${error.cause ? ` (vendor: ${JSON.stringify(error.cause)})` : ''}`
        : String(error);
    report(name, 'failed', detail);
    return undefined;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  list.replaceChildren();
  const data = new FormData(form);
  const sdkAppId = Number(data.get('sdkAppId'));
  const userId = String(data.get('userId')).trim();
  const userSig = String(data.get('userSig')).trim();
  const roomId = String(data.get('roomId')).trim();
  const backend = createTencentBackend({ credentials: async () => ({ sdkAppId, userId, userSig }) });
  const user = { userId, userName: userId, avatarUrl: '' };
  const room = createRoom({ backend, roomId, user, microphone: null });
  try {
    if (
      (await step('Sign in (loads RoomEngine, Chat, TRTC)', () => backend.connect(user).then(() => true))) === undefined
    )
      return;
    const started = await step(
      'Start a voice room (live room, seats on, apply mode)',
      () => room.start({ roomName: 'Probe room', seatMode: 'apply', seatCount: 8 }),
      () => {
        const seats = room.state.snapshot?.seats ?? [];
        return `${seats.length} seats, owner on seat 1: ${seats[0]?.user?.userId === userId}`;
      },
    );
    if (started === undefined) return;
    await step(
      'Leave and retake a seat',
      async () => {
        await room.leaveSeat();
        return room.takeSeat(2);
      },
      (answer) => JSON.stringify(answer),
    );
    await step(
      'Send a barrage message',
      () => room.sendBarrage('probe message'),
      () => `${room.state.snapshot?.barrage.length ?? 0} message(s) shown`,
    );
    await step(
      'Send likes',
      async () => {
        room.like(3);
        await room.flushLikes();
        return room.state.snapshot?.likes.total ?? 0;
      },
      (total) => `room total ${total}`,
    );
    await step(
      'Read the gift list (console: gift configuration)',
      () => room.loadGifts(),
      (gifts) =>
        gifts.length
          ? `${gifts.length} gifts: ${gifts.map((g) => g.name).join(', ')}`
          : 'empty: configure gifts in the console',
    );
    await step(
      'List live rooms',
      () => room.backend.send('room.list', { cursor: '', count: 20 }),
      ({ result }) =>
        `${result.rooms.length} room(s); this one listed: ${result.rooms.some((r) => r.roomId === roomId)}`,
    );
    await step('End the room', () => room.end());
  } finally {
    room.dispose();
    await backend.close();
  }
});
