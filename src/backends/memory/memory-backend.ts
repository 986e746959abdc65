import { Subject } from 'rxjs';
import type { CommandArgs, CommandType } from '../../model/commands.js';
import { ErrorCode, RoomError, toRoomError } from '../../model/errors.js';
import type { EventBatch } from '../../model/events.js';
import type { UserInfo } from '../../model/user.js';
import type { Answer, BackendEvent, RoomBackend } from '../room-backend.js';
import { MemoryMedia } from './memory-media.js';
import { MemoryServer, type MemorySession } from './memory-server.js';

export interface MemoryBackendOptions {
  /** The in-process server to join; every backend on the page shares one default server unless given another. */
  readonly server?: MemoryServer;
}

let defaultServer: MemoryServer | null = null;

/** The shared page-wide server, so several rooms on one page (host and listener demos) meet each other. */
export function defaultMemoryServer(): MemoryServer {
  return (defaultServer ??= new MemoryServer());
}

/**
 * A client of an in-process server. Answers and events are delivered asynchronously (after the current task's
 * microtasks), like a network would, so code written against it does not accidentally rely on synchrony.
 */
export class MemoryBackend implements RoomBackend {
  readonly kind = 'memory';
  readonly server: MemoryServer;
  readonly #subject = new Subject<BackendEvent>();
  readonly events$ = this.#subject.asObservable();
  readonly #session: MemorySession;
  #closed = false;
  /** No real audio: reports state only (see MemoryMedia). */
  readonly media = new MemoryMedia();

  constructor(options: MemoryBackendOptions = {}) {
    this.server = options.server ?? defaultMemoryServer();
    this.#session = this.server.openSession((batch) => this.#deliver(batch));
  }

  async connect(user: UserInfo): Promise<void> {
    await Promise.resolve();
    if (this.#closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    const first = this.#session.user === null;
    this.server.identify(this.#session, user);
    if (first) this.#subject.next({ type: 'connection', state: 'connected' });
  }

  async send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Answer<T>> {
    await Promise.resolve();
    if (this.#closed) throw new RoomError(ErrorCode.CONNECTION_LOST);
    try {
      // structuredClone stands in for the wire: nothing the caller keeps can alias server state.
      return structuredClone(this.server.execute(this.#session, type, structuredClone(args)));
    } catch (error) {
      throw toRoomError(error);
    }
  }

  /** Simulates a dropped connection (no goodbye): the server starts the seat lease. */
  drop(): void {
    this.server.dropSession(this.#session);
    this.#subject.next({ type: 'connection', state: 'reconnecting' });
  }

  /** Simulates the connection coming back; the store resyncs on 'connected'. */
  resume(): void {
    this.server.resumeSession(this.#session);
    this.#subject.next({ type: 'connection', state: 'connected' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.server.closeSession(this.#session);
    this.#subject.next({ type: 'connection', state: 'disconnected' });
    this.#subject.complete();
  }

  #deliver(batch: EventBatch): void {
    const copy = structuredClone(batch);
    queueMicrotask(() => {
      if (!this.#closed) this.#subject.next({ type: 'batch', batch: copy });
    });
  }
}

export function createMemoryBackend(options?: MemoryBackendOptions): MemoryBackend {
  return new MemoryBackend(options);
}
