import { createContext } from '@lit/context';
import type { Room } from '../src/index.js';

/**
 * The room that `<vr-room>` provides to every `vr-*` descendant. A Symbol key (not a string) so that
 * two copies of the kit on one page never hand each other incompatible rooms.
 */
export const roomContext = createContext<Room | undefined>(Symbol('vr-room'));
