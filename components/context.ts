import type { Room } from '../src/index.js';
import type { Context } from './controllers/context.js';

/**
 * The room that `<vr-room>` provides to every `vr-*` descendant. A Symbol key (not a string) so that
 * two copies of the kit on one page never hand each other incompatible rooms. A key of the community Context
 * Protocol, typed like @lit/context's keys: an element of the page's own gets the room with
 * `new ContextConsumer(this, { context: roomContext, subscribe: true })` from @lit/context (or `@consume`).
 */
export const roomContext = Symbol('vr-room') as unknown as Context<unknown, Room | undefined>;
