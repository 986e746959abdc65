import { css, html } from 'lit';
import { msg, msgIsolated } from '../i18n/locale.js';
import { closeIcon } from './icons.js';
import './note-strings.js';
import type { Note } from './notes.js';

// A note about something that happened to me (how my request went, taken off my seat). Nobody sees one on a room's
// first screen, so its template, colours and words are a chunk of their own (issue 14): `<vr-room>` fetches it when
// the browser is idle in a live room, or when a note is due (notes.ts). Its box is the error toast's (room.styles.ts).

export function noteToast(note: Note, dismiss: () => void) {
  return html`<div class="note" part="note" data-tone=${note.tone}>
    <span>${msgIsolated(note.key, note.params)}</span>
    <button type="button" class="toast-dismiss focus-ring" aria-label=${msg('alert.dismiss')} @click=${dismiss}>${closeIcon}</button>
  </div>`;
}

export const styles = css`
    .note {
      background: var(--vr-color-surface);
      color: var(--vr-color-text);
      border: 1px solid var(--_glass-border);
      border-inline-start: 4px solid var(--vr-color-accent);
    }
    .note[data-tone='good'] {
      border-inline-start-color: var(--vr-color-success, #16a34a);
    }
    .note[data-tone='bad'] {
      border-inline-start-color: var(--vr-color-warning);
    }
`;
