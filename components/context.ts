import { createContext } from '@lit/context';

/**
 * Placeholder for the room facade's type until the store lands; it is replaced by the real `Room`
 * type from `../src/index.js`. Kept structural and empty so any object can be provided meanwhile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface RoomLike {}

/**
 * The room that `<vr-room>` provides to every `vr-*` descendant. A Symbol key (not a string) so that
 * two copies of the kit on one page never hand each other incompatible rooms.
 */
export const roomContext = createContext<RoomLike | undefined>(Symbol('vr-room'));
