import { svg } from 'lit';
import { frame } from '../base/icons.js';

// The icons only panels that load on demand show (the audience and live-info panels, the seat requests): they come
// with those chunks, not with the kit's initial load (issue 14).

export const checkIcon = frame(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`);
export const closeIcon = frame(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const searchIcon = frame(svg`<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>`);
