// The playground: two people in one in-process room (the memory backend runs the same room engine as the server),
// each shown by a full <vr-room>, side by side. No server, no sign-in: what the kit's elements do, at a glance.
import '../components/index.js';
import { createMemoryBackend, createMemoryServer } from '../src/backends/memory/index.js';
import { createRoom } from '../src/index.js';

// A small catalog without pictures or animations (those come from the local room server): gifts show as banners.
const server = createMemoryServer({
  initialBalance: 500,
  catalog: [
    { giftId: 'rose', name: 'Rose', iconUrl: '', price: 1, level: 1 },
    { giftId: 'rocket', name: 'Rocket', iconUrl: '', price: 99, level: 3 },
  ],
});

const roomId = 'playground';
const host = createRoom({
  backend: createMemoryBackend({ server }),
  roomId,
  user: { userId: 'ava', userName: 'Ava', avatarUrl: '' },
});
const listener = createRoom({
  backend: createMemoryBackend({ server }),
  roomId,
  user: { userId: 'ben', userName: 'Ben', avatarUrl: '' },
});

const clients = document.getElementById('clients')!;
for (const [room, title] of [
  [host, 'Ava, the host'],
  [listener, 'Ben, a listener'],
] as const) {
  const section = document.createElement('section');
  const heading = document.createElement('h2');
  heading.textContent = title;
  const element = document.createElement('vr-room');
  element.room = room;
  section.append(heading, element);
  clients.append(section);
}

await host.start({
  roomName: 'Friday night talk',
  seatMode: 'apply',
  notice: 'Ben can apply for a seat; Ava approves.',
});
await listener.join();
