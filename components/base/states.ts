/**
 * Output-only state of an element (speaking, phase, connection…) as custom states on its host, styled with
 * `:state(name)` (`vr-seat:state(speaking)` from the page, `:host(:state(speaking))` inside). Unlike a host
 * attribute, a custom state can only be set by the element itself, so a page cannot make an element claim a
 * state it is not in.
 *
 * One naming scheme for every element:
 * - a boolean is one state under its own name, present while true: `speaking`, `locked`;
 * - an enum is one state per value, `name-value`, at most one at a time: `phase-live`, `connection-reconnecting`
 *   (none while the value is null or undefined).
 *
 * The states are mirrored in a plain set, so `has()` answers the same in engines without custom states (where the
 * styles simply do not match: the element works, unadorned).
 */
export class HostStates {
  readonly #current = new Set<string>();

  readonly #internals: ElementInternals;

  constructor(internals: ElementInternals) {
    this.#internals = internals;
  }

  /** Whether the host is in state `name` (as set through this object). */
  has(name: string): boolean {
    return this.#current.has(name);
  }

  /** A boolean state: `name` while `on`. */
  toggle(name: string, on: boolean): void {
    if (on === this.#current.has(name)) return;
    const change = on ? 'add' : 'delete';
    this.#current[change](name);
    try {
      this.#internals.states[change](name);
    } catch {
      // Engines before custom states (or with only the old `--name` syntax): the mirror still answers `has()`.
    }
  }

  /** An enum state: `name-value` for the value (the previous value's state goes), none for null/undefined. */
  choose(name: string, value: string | null | undefined): void {
    const prefix = `${name}-`;
    const next = value === null || value === undefined ? null : prefix + value;
    for (const state of [...this.#current]) if (state.startsWith(prefix) && state !== next) this.toggle(state, false);
    if (next !== null) this.toggle(next, true);
  }
}
