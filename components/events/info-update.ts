import type { LiveInfoPatch } from '../../src/index.js';
import { VrEvent } from './vr-event.js';

export interface VrInfoUpdateDetail {
  /** Only the fields that changed. */
  readonly patch: LiveInfoPatch;
}

/**
 * `vr-info-update` (cancelable): Intent (owner) to change the room's name, cover or notice. Unless cancelled the element calls `room.updateInfo(patch)`.
 */
export class VrInfoUpdateEvent extends VrEvent<VrInfoUpdateDetail> {
  static readonly type = 'vr-info-update' as const;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-info-update': VrInfoUpdateEvent;
  }
}
