import type { LiveInfoPatch } from '../../src/index.js';

export interface VrInfoUpdateDetail {
  /** Only the fields that changed. */
  readonly patch: LiveInfoPatch;
}

/**
 * `vr-info-update` (cancelable): Intent (owner) to change the room's name, cover or notice. Unless cancelled the element calls `room.updateInfo(patch)`.
 */
export class VrInfoUpdateEvent extends Event {
  static readonly type = 'vr-info-update' as const;
  readonly detail: VrInfoUpdateDetail;

  constructor(detail: VrInfoUpdateDetail) {
    super(VrInfoUpdateEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vr-info-update': VrInfoUpdateEvent;
  }
}
