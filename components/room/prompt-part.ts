import { type ReactiveController, type ReactiveElement, nothing } from 'lit';
import type { SeatRequest } from '../../src/index.js';
import { LazyPart } from '../controllers/lazy-part.js';

/** The request prompt's chunk. */
export type PromptModule = typeof import('./request-prompt.js');

/** What the prompt's controller reads and does for the application it shows. */
export interface PromptActions {
  /** Imports the chunk (`VrRoom.importPrompt`, which a test can make fail). */
  readonly importer: () => Promise<PromptModule>;
  /** I can be prompted now (the owner/admin view of a live room): the chunk comes when the browser is idle. */
  readonly receives: () => boolean;
  /** The prompt may show now (not over the requests sheet, which lists every application itself). */
  readonly due: () => boolean;
  /** An answer to `request` is in flight. */
  readonly busy: (request: SeatRequest) => boolean;
  readonly respond: (request: SeatRequest, accept: boolean) => void;
  /** Opens the requests sheet with every application. */
  readonly showAll: () => void;
  /** The room's time, for the bar of time running out. */
  readonly now: () => number;
}

/**
 * Which waiting application the owner/admin prompt shows: the oldest one whose prompt was not closed. Closing it
 * hides the applications waiting at that moment; a newer one brings the prompt back.
 *
 * The card itself is a chunk of its own (request-prompt.ts, issue 14), fetched when the browser is idle while I can
 * be prompted, or as soon as a prompt is due. The prompt follows the queue, not the moment an application arrived:
 * one that came before the chunk shows once it is there, answered through the same buttons (busy while an answer
 * is in flight, so never twice). A failed fetch is tried again when the queue changes (the next application), and
 * while I can be prompted, when the network may be back (the next press or key, `online`): a host whose one
 * applicant waits gets the prompt then, not only with the next application.
 */
export class RequestPromptController implements ReactiveController {
  /** Applications whose prompt was closed. */
  #hidden: ReadonlySet<string> = new Set();
  readonly #part: LazyPart<PromptModule>;
  /** The queue (its IDs) the last fetch for a due prompt was started for: one try per change of the queue. */
  #triedFor: string | null = null;

  readonly #host: ReactiveElement;
  readonly #queue: () => readonly SeatRequest[];
  readonly #actions: PromptActions;

  /** `queue` gives the applications waiting now, oldest first (`applicationQueue`); `actions` answer them. */
  constructor(host: ReactiveElement, queue: () => readonly SeatRequest[], actions: PromptActions) {
    this.#host = host;
    this.#queue = queue;
    this.#actions = actions;
    host.addController(this);
    // While I can be prompted the chunk is wanted (see hostUpdated), so a failed fetch is also tried again then.
    this.#part = new LazyPart(host, () => actions.importer(), actions.receives);
  }

  /** The application to prompt for, or null. */
  get shown(): SeatRequest | null {
    return this.#queue().find((r) => !this.#hidden.has(r.requestId)) ?? null;
  }

  /** Closes the prompt for every application waiting now. */
  hide(): void {
    this.#hidden = new Set([...this.#hidden, ...this.#queue().map((r) => r.requestId)]);
    this.#host.requestUpdate();
  }

  /** The prompt for the application shown, or `nothing` (also while its chunk is on its way). */
  render() {
    const request = this.#actions.due() ? this.shown : null;
    const module = this.#part.module;
    if (!request || !module) return nothing;
    const { busy, respond, showAll, now } = this.#actions;
    return module.requestPrompt(request, {
      waiting: this.#queue().length,
      busy: busy(request),
      now: now(),
      respond: (accept) => respond(request, accept),
      showAll,
      hide: () => this.hide(),
    });
  }

  /**
   * Closed applications that left the queue (answered, withdrawn or expired) are forgotten; nothing on screen
   * changes. A prompt that is due fetches the chunk, unless a fetch is on its way (its failure updates the host, and
   * that update tries once more) or this queue was tried already.
   */
  hostUpdate(): void {
    const ids = this.#queue().map((r) => r.requestId);
    if (this.#hidden.size > 0) this.#hidden = new Set(ids.filter((id) => this.#hidden.has(id)));
    if (this.#part.module || this.#part.loading || !this.#actions.due() || !this.shown) return;
    const key = ids.join(' ');
    if (key === this.#triedFor) return;
    this.#triedFor = key;
    void this.#part.fetch();
  }

  /** While I can be prompted, the chunk comes when the browser has nothing better to do. */
  hostUpdated(): void {
    if (this.#actions.receives()) this.#part.prefetchWhenIdle(this.#actions.receives);
  }
}
