/**
 * The elements of `<vr-room>`'s bars, lazy in the components entry (one chunk: bar-elements.ts): a room asks for
 * them as soon as it is on the page (room.ts), so their chunk loads while it joins instead of after it shows them.
 */
export const BAR_ELEMENTS = ['vr-live-info', 'vr-audience-list', 'vr-like-button'] as const;
