/**
 * The elements of `<vr-room>`'s live view, lazy in the components entry (one chunk: live-elements.ts): the bars'
 * (live info, audience, like), the barrage and the gift player. Nothing of theirs can show before the join's
 * snapshot, so a room asks for them as soon as it is on the page (room.ts): their chunk loads while it joins,
 * instead of in the kit's initial load before the join can start (issue 14).
 */
export const LIVE_ELEMENTS = [
  'vr-live-info',
  'vr-audience-list',
  'vr-like-button',
  'vr-barrage',
  'vr-gift-player',
] as const;
