import { type ReactiveControllerHost, html, nothing } from 'lit';
import {
  type InfoDraft,
  type InfoDraftProblem,
  type LiveInfo,
  type LiveInfoPatch,
  MAX_NOTICE_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  MAX_URL_LENGTH,
  infoDraftPatch,
  infoDraftProblems,
} from '../../src/index.js';
import { msg } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/strings.js';

type Field = keyof InfoDraft;
const FIELDS: readonly Field[] = ['name', 'coverUrl', 'notice'];
const EMPTY_DRAFT: InfoDraft = { name: '', coverUrl: '', notice: '' };

/** A draft problem in words. */
function problemText(problem: InfoDraftProblem): string {
  switch (problem.kind) {
    case 'required':
      return msg('liveInfo.error.nameRequired');
    case 'too-long':
      return msg('liveInfo.error.tooLong', { max: problem.max });
    case 'cover':
      return msg('liveInfo.error.cover');
  }
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The owner's edit form in the live-info panel: a draft of name, cover and notice, checked as the server will check
 * it before anything is sent (`infoDraftProblems`), each problem under its field with focus on the first; a valid
 * draft goes out as a patch of what changed (`save`), and "Saved" shows once it is through.
 */
export class InfoFormController {
  private draft: InfoDraft = EMPTY_DRAFT;
  private errors: Partial<Record<Field, string>> = {};
  private savedShown = false;

  constructor(
    private readonly host: Host,
    private readonly options: { readonly info: () => LiveInfo | null; readonly save: (patch: LiveInfoPatch) => void },
  ) {}

  /** Starts over from the room's info (the panel opened). */
  start(info: LiveInfo | null): void {
    this.draft = { name: info?.name ?? '', coverUrl: info?.coverUrl ?? '', notice: info?.notice ?? '' };
    this.errors = {};
    this.saved = false;
  }

  /** "Saved" shows. */
  get saved(): boolean {
    return this.savedShown;
  }
  set saved(saved: boolean) {
    this.savedShown = saved;
    this.host.requestUpdate();
  }

  /** The draft's problems in words, by field. */
  validate(): Partial<Record<Field, string>> {
    const problems = infoDraftProblems(this.draft);
    const errors: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const problem = problems[field];
      if (problem) errors[field] = problemText(problem);
    }
    return errors;
  }

  /** The form; `busy` while a save is in flight. */
  render(busy: boolean) {
    return html`<form class="section form" part="form" novalidate aria-labelledby="edit-title" aria-busy=${busy ? 'true' : 'false'} @submit=${this.onSubmit}>
      <h3 class="section-title" id="edit-title">${msg('liveInfo.edit')}</h3>
      ${this.field('name', 'liveInfo.name', MAX_ROOM_NAME_LENGTH)} ${this.field('coverUrl', 'liveInfo.cover', MAX_URL_LENGTH)}
      ${this.field('notice', 'liveInfo.noticeField', MAX_NOTICE_LENGTH, true)}
      <div class="form-actions">
        <span class="saved" role="status">${this.savedShown ? msg('liveInfo.saved') : nothing}</span>
        <button type="submit" class="btn primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${msg('liveInfo.save')}
        </button>
      </div>
    </form>`;
  }

  private field(name: Field, label: MessageKey, max: number, multiline = false) {
    const error = this.errors[name];
    const value = this.draft[name];
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
            @input=${(e: Event) => this.onField(name, (e.target as HTMLTextAreaElement).value)}
          ></textarea>`
          : html`<input
            id=${id}
            class="field"
            type=${name === 'coverUrl' ? 'url' : 'text'}
            .value=${value}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedby}
            @input=${(e: Event) => this.onField(name, (e.target as HTMLInputElement).value)}
          />`
      }
      <span class="field-foot">
        ${error ? html`<span class="field-error" id=${`error-${name}`}>${error}</span>` : html`<span></span>`}
        <span class="chars" id=${`count-${name}`}>${msg('liveInfo.chars', { n: [...value].length, max })}</span>
      </span>
    </div>`;
  }

  private onField(name: Field, value: string): void {
    this.draft = { ...this.draft, [name]: value };
    if (this.errors[name]) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
    this.saved = false;
  }

  private onSubmit = (event: Event): void => {
    event.preventDefault();
    const errors = this.validate();
    this.errors = errors;
    this.host.requestUpdate();
    const first = FIELDS.find((f) => errors[f]);
    if (first) {
      void this.host.updateComplete.then(() =>
        this.host.shadowRoot?.querySelector<HTMLElement>(`#field-${first}`)?.focus(),
      );
      return;
    }
    const patch = infoDraftPatch(this.draft, this.options.info());
    if (Object.keys(patch).length === 0) this.saved = true;
    else this.options.save(patch);
  };
}
