import type { ReactiveControllerHost } from 'lit';
import {
  type InfoDraft,
  type InfoDraftProblem,
  type LiveInfo,
  type LiveInfoPatch,
  infoDraftPatch,
  infoDraftProblems,
} from '../../src/index.js';
import { msg } from '../i18n/locale.js';

export type Field = keyof InfoDraft;
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

/** `<vr-live-info>`: a checked draft is sent through its `saveInfo()`. */
type Host = ReactiveControllerHost & HTMLElement & { saveInfo(patch: LiveInfoPatch): Promise<boolean> };

/**
 * The owner's edit form in the live-info panel: a draft of name, cover and notice, checked as the server will check
 * it before anything is sent (`infoDraftProblems`), each problem under its field with focus on the first; a valid
 * draft goes out as a patch of what changed (`save`), and "Saved" shows once it is through. It comes with the
 * panel's chunk (issue 14; its template is `infoForm` in panel.ts): the element makes it when the chunk arrives. A
 * first try kept the draft and its checks in the element for `validate()` before that; measured again with the
 * panel's strings in the chunk too, moving it saves 0.35 KB gzip of the initial load with no extra chunk.
 */
export class InfoFormController {
  /** The draft as typed, and its problems in words once a submit found them. */
  draft: InfoDraft = EMPTY_DRAFT;
  errors: Partial<Record<Field, string>> = {};
  #savedShown = false;

  readonly #host: Host;
  /** The room's info as the server accepted it: what the draft is compared with. */
  readonly #info: () => LiveInfo | null;

  constructor(host: Host, info: () => LiveInfo | null) {
    this.#host = host;
    this.#info = info;
  }

  /** Starts over from the room's info (the panel opened). */
  start(info: LiveInfo | null): void {
    this.draft = { name: info?.name ?? '', coverUrl: info?.coverUrl ?? '', notice: info?.notice ?? '' };
    this.errors = {};
    this.saved = false;
  }

  /** "Saved" shows. */
  get saved(): boolean {
    return this.#savedShown;
  }
  set saved(saved: boolean) {
    this.#savedShown = saved;
    this.#host.requestUpdate();
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

  /** A field was edited. */
  readonly onField = (name: Field, value: string): void => {
    this.draft = { ...this.draft, [name]: value };
    if (this.errors[name]) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
    this.saved = false;
  };

  /** The form was submitted: sends the draft, or shows its problems with focus on the first. */
  readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    const errors = this.validate();
    this.errors = errors;
    this.#host.requestUpdate();
    const first = FIELDS.find((f) => errors[f]);
    if (first) {
      void this.#host.updateComplete.then(() =>
        this.#host.shadowRoot?.querySelector<HTMLElement>(`#field-${first}`)?.focus(),
      );
      return;
    }
    const patch = infoDraftPatch(this.draft, this.#info());
    if (Object.keys(patch).length === 0) this.saved = true;
    else void this.#host.saveInfo(patch);
  };
}
