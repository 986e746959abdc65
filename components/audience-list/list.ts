import { html, nothing } from 'lit';
import type { CommandFailure } from '../controllers/intent-controller.js';
import { msg } from '../i18n/locale.js';

// The list's own lines around its rows: what shows while it is empty, its foot (loading, the end, "Load more") and
// the alert of a failed row command or page.

/** The busy key of loading a page: its failure stays with a retry button instead of timing out. */
export const LOAD_KEY = 'load';

/** Where the pages stand, as the list's empty line and foot show it. */
export interface ListStatus {
  readonly loading: boolean;
  /** No further page: the last one came, or there is no cursor. */
  readonly done: boolean;
  /** Pages were loaded (a list of only the live latest entrants has no end to announce). */
  readonly paged: boolean;
  /** The trimmed search keyword, or ''. */
  readonly keyword: string;
}

/** The line in place of an empty list: loading, nobody matches the search, or nobody is here. */
export function emptyList({ loading, keyword }: ListStatus) {
  const text = loading
    ? msg('audience.loading')
    : keyword
      ? msg('audience.noMatch', { keyword })
      : msg('audience.empty');
  return html`<p class="empty">${text}</p>`;
}

/** Under the rows: a spinner while a page loads, the end of the list, or the button that loads the next page. */
export function listFoot({ loading, done, paged, keyword }: ListStatus, loadMore: () => void) {
  return html`<div class="foot">
    ${
      loading
        ? html`<span class="loading"><span class="spinner" aria-hidden="true"></span> ${msg('audience.loading')}</span>`
        : done
          ? html`<span class="end">${paged || keyword ? msg('audience.end') : nothing}</span>`
          : html`<button type="button" class="btn" @click=${loadMore}>${msg('audience.loadMore')}</button>`
    }
  </div>`;
}

/** A failed command's message; a page that failed to load offers to try again. */
export function listAlert({ key, code, message }: CommandFailure, retry: () => void, dismiss: () => void) {
  return html`<p class="alert" part="alert" data-code=${code}>
    <span>${message}</span>
    ${key === LOAD_KEY ? html`<button type="button" class="btn" @click=${retry}>${msg('audience.retry')}</button>` : nothing}
    <button type="button" class="dismiss" aria-label=${msg('alert.dismiss')} @click=${dismiss}>×</button>
  </p>`;
}
