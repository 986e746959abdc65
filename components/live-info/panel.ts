import { type TemplateResult, css, html, nothing, unsafeCSS } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import {
  type LiveInfo,
  MAX_NOTICE_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_URL_LENGTH,
  type SeatMode,
} from '../../src/index.js';
import { panelButtonStyles } from '../audience-list/panel-buttons.js';
import { closeIcon } from '../audience-list/panel-icons.js';
import { formatNumber, msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';
import type { Field, InfoFormController } from './edit-form.js';

export { InfoFormController } from './edit-form.js';
import './strings.js';

// `<vr-live-info>`'s detail panel: the room's numbers, notice and seat mode, and for the owner the seat-mode switch
// and the edit form. Most people never open it, so it is its own chunk (issue 14), fetched by the element's first
// `openPanel()` (controllers/lazy-part.ts), as the audience panel is.

/** What the panel shows and what its controls do; the element owns the state. */
export interface PanelView {
  readonly info: LiveInfo;
  /** How long it has been live, formatted. */
  readonly duration: string;
  readonly viewers: number;
  readonly likes: number;
  /** The large cover and the host's card, as the element renders them. */
  readonly cover: unknown;
  readonly ownerCard: unknown;
  /** The panel's alert, or nothing. */
  readonly error: unknown;
  readonly seatModeBusy: boolean;
  readonly saving: boolean;
  readonly form: InfoFormController;
  /**
   * `<vr-live-info>`: its owner's face (the seat-mode switch and the edit form instead of the read-only sections),
   * and what the close button and the seat-mode switch do.
   */
  readonly element: {
    readonly isOwner: boolean;
    closePanel(): void;
    setSeatMode(mode: SeatMode): Promise<boolean>;
  };
}

export function liveInfoPanel(view: PanelView): TemplateResult {
  const { info, element } = view;
  const owner = element.isOwner;
  return html`<div class="panel">
      <header class="panel-head">
        ${view.cover}
        <div class="panel-title-box">
          <h2 class="panel-title" id="panel-title"><bdi>${info.name}</bdi></h2>
          <p class="room-id">${msg('liveInfo.roomId', { id: info.roomId })}</p>
        </div>
        <button type="button" class="btn icon ghost close" aria-label=${msg('liveInfo.close')} @click=${() => element.closePanel()}>${closeIcon}</button>
      </header>
      ${view.ownerCard}
      <dl class="numbers">
        <div><dt>${msg('liveInfo.viewers')}</dt><dd class="tnum">${formatNumber(view.viewers)}</dd></div>
        <div><dt>${msg('liveInfo.likes')}</dt><dd class="tnum">${formatNumber(view.likes)}</dd></div>
        <div><dt>${msg('liveInfo.duration')}</dt><dd class="tnum">${view.duration}</dd></div>
      </dl>
      ${owner ? seatModeSwitch(info, view) : readOnly(info)}
      ${owner ? infoForm(view.form, view.saving) : nothing}
      <div class="panel-alert" role="alert">${view.error}</div>
    </div>`;
}

function readOnly(info: LiveInfo) {
  return html`<section class="section" aria-labelledby="notice-title">
      <h3 class="section-title" id="notice-title">${msg('liveInfo.notice')}</h3>
      <p class=${classMap({ notice: true, muted: !info.notice })} dir="auto">${info.notice || msg('liveInfo.noNotice')}</p>
    </section>
    <section class="section" aria-labelledby="mode-title">
      <h3 class="section-title" id="mode-title">${msg('liveInfo.seatMode')}</h3>
      <p class="notice">
        <span class="mode-pill">${msg(`liveInfo.seatMode.${info.seatMode}` as MessageKey)}</span>
        <span class="muted">${msg(`liveInfo.seatMode.${info.seatMode}Hint` as MessageKey)}</span>
      </p>
    </section>`;
}

function seatModeSwitch(info: LiveInfo, view: PanelView) {
  const busy = view.seatModeBusy;
  return html`<fieldset class="section mode" aria-busy=${busy ? 'true' : 'false'}>
    <legend class="section-title">${msg('liveInfo.seatMode')}</legend>
    <div class="segmented">
      ${(['free', 'apply'] as const).map(
        (mode) => html`<label class=${classMap({ segment: true, checked: info.seatMode === mode })}>
          <input type="radio" name="seat-mode" value=${mode} .checked=${live(info.seatMode === mode)} ?disabled=${busy} @change=${() => void view.element.setSeatMode(mode)} />
          <span>${msg(`liveInfo.seatMode.${mode}` as MessageKey)}</span>
        </label>`,
      )}
    </div>
    <p class="hint">${busy ? html`<span class="spinner" aria-hidden="true"></span> ` : nothing}${msg(`liveInfo.seatMode.${info.seatMode}Hint` as MessageKey)}</p>
  </fieldset>`;
}

/** The owner's edit form (its draft and checks are the element's `InfoFormController`); `busy` while a save is in flight. */
function infoForm(form: InfoFormController, busy: boolean) {
  return html`<form class="section form" part="form" novalidate aria-labelledby="edit-title" aria-busy=${busy ? 'true' : 'false'} @submit=${form.onSubmit}>
    <h3 class="section-title" id="edit-title">${msg('liveInfo.edit')}</h3>
    ${field(form, 'name', 'liveInfo.name', MAX_ROOM_NAME_LENGTH)} ${field(form, 'coverUrl', 'liveInfo.cover', MAX_URL_LENGTH)}
    ${field(form, 'notice', 'liveInfo.noticeField', MAX_NOTICE_LENGTH, true)}
    <div class="form-actions">
      <span class="saved" role="status">${form.saved ? msg('liveInfo.saved') : nothing}</span>
      <button type="submit" class="btn primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('liveInfo.save')}
      </button>
    </div>
  </form>`;
}

function field(form: InfoFormController, name: Field, label: MessageKey, max: number, multiline = false) {
  const error = form.errors[name];
  const value = form.draft[name];
  const id = `field-${name}`;
  const describedby = `${error ? `error-${name} ` : ''}count-${name}`;
  return html`<div class="form-field">
    <label for=${id}>${msg(label)}</label>
    ${
      multiline
        ? html`<textarea
          id=${id}
          class="field"
          rows="3"
          .value=${value}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedby}
          @input=${(e: Event) => form.onField(name, (e.target as HTMLTextAreaElement).value)}
        ></textarea>`
        : html`<input
          id=${id}
          class="field"
          type=${name === 'coverUrl' ? 'url' : 'text'}
          .value=${value}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedby}
          @input=${(e: Event) => form.onField(name, (e.target as HTMLInputElement).value)}
        />`
    }
    <span class="field-foot">
      ${error ? html`<span class="field-error" id=${`error-${name}`}>${error}</span>` : html`<span></span>`}
      <span class="chars" id=${`count-${name}`}>${msg('liveInfo.chars', { n: [...value].length, max })}</span>
    </span>
  </div>`;
}

const ownStyles = css`
    .cover.large {
      --_cover: 64px;
      border-radius: var(--vr-radius-l);
    }
    .owner.in-panel {
      --_avatar-size: 48px;
      padding: var(--vr-space-3);
      border-radius: var(--vr-radius-l);
      background: var(--vr-color-surface-sunken);
      box-shadow: none;
      backdrop-filter: none;
    }
    .owner.in-panel .owner-text {
      flex: 1;
    }
    .owner.in-panel .owner-name {
      max-inline-size: none;
      font-size: var(--vr-font-size-l);
    }
    .owner.in-panel .owner-fans {
      font-size: var(--vr-font-size-s);
    }
    .owner.in-panel .follow {
      min-block-size: 36px;
      padding: 0 18px;
    }

    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-4);
      padding: var(--vr-space-5);
    }
    .panel-head {
      display: flex;
      align-items: center;
      gap: var(--vr-space-3);
    }
    .panel-title-box {
      flex: 1;
      min-inline-size: 0;
    }
    .panel-title {
      margin: 0;
      overflow-wrap: anywhere;
      font-size: 20px;
      font-weight: 750;
      letter-spacing: -0.01em;
    }
    .room-id {
      margin: 2px 0 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .close {
      align-self: flex-start;
    }
    .numbers {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: var(--vr-space-2);
      margin: 0;
    }
    .numbers > div {
      padding: var(--vr-space-3);
      border-radius: var(--vr-radius-m);
      background: var(--vr-color-surface-sunken);
      text-align: center;
    }
    .numbers dt {
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-xs);
      font-weight: 650;
      letter-spacing: 0.02em;
    }
    .numbers dd {
      margin: 4px 0 0;
      font-size: var(--vr-font-size-l);
      font-weight: 750;
    }
    .section {
      display: flex;
      flex-direction: column;
      gap: var(--vr-space-2);
      min-inline-size: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .section-title {
      margin: 0;
      padding: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      letter-spacing: 0.03em;
      text-transform: uppercase;
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0;
      line-height: 1.5;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--vr-color-text-muted);
    }
    .mode-pill {
      padding: 3px 10px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-accent-soft);
      color: var(--vr-color-accent-strong);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
    }
    .segmented {
      display: grid;
      grid-template-columns: 1fr 1fr;
      padding: 3px;
      border-radius: var(--vr-radius-pill);
      background: var(--vr-color-surface-sunken);
    }
    .segment {
      position: relative;
      display: grid;
      place-items: center;
      min-block-size: 36px;
      border-radius: var(--vr-radius-pill);
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
      font-weight: 700;
      cursor: pointer;
    }
    .segment.checked {
      background: var(--vr-color-surface-raised);
      color: var(--vr-color-accent-strong);
      box-shadow: var(--vr-shadow-s);
    }
    .segment input {
      position: absolute;
      inset: 0;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .segment:has(input:focus-visible) {
      outline: 2px solid var(--vr-focus-ring);
      outline-offset: 2px;
    }
    .hint {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 0;
      color: var(--vr-color-text-muted);
      font-size: var(--vr-font-size-s);
    }
    .form {
      gap: var(--vr-space-3);
      padding-block-start: var(--vr-space-4);
      border-block-start: 1px solid var(--vr-color-border);
    }
    .form-field {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .form-field label {
      font-size: var(--vr-font-size-s);
      font-weight: 650;
    }
    .field {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 40px;
      padding: 9px 12px;
      border: 1px solid var(--vr-color-border-strong);
      border-radius: var(--vr-radius-m);
      background: var(--vr-color-surface-sunken);
      color: var(--vr-color-text);
      font: inherit;
      resize: vertical;
    }
    .field[aria-invalid='true'] {
      border-color: var(--vr-color-danger);
      box-shadow: 0 0 0 3px var(--vr-color-danger-soft);
    }
    .field-foot {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font-size: var(--vr-font-size-xs);
    }
    .field-error {
      color: var(--vr-color-danger);
      font-weight: 650;
    }
    .chars {
      color: var(--vr-color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .form-actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: var(--vr-space-3);
    }
    .form-actions .btn {
      min-block-size: 40px;
      padding: 0 20px;
    }
    .saved {
      color: var(--vr-color-success);
      font-size: var(--vr-font-size-s);
      font-weight: 650;
    }
    .panel-alert:empty {
      display: none;
    }

`;

// One sheet (the host adopts one): the icon buttons' and the fields' rules first, as they came before the panel's own
// rules when they were part of the host's `buttonStyles`. The css tag takes no rules in a hole (the build's
// minifier), hence unsafeCSS over two minified constants.
export const styles = unsafeCSS(`${panelButtonStyles}${ownStyles}`);
