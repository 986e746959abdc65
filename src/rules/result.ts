import { ErrorCode, RoomError } from '../model/errors.js';
import type { RoomEvent } from '../model/events.js';

/**
 * What every rule returns: the next state plus the events to broadcast, or a typed error. A failed rule changes
 * nothing, so callers can apply rules speculatively and simply drop failures.
 */
export type RuleResult<S> =
  | { readonly ok: true; readonly state: S; readonly events: readonly RoomEvent[] }
  | { readonly ok: false; readonly error: RoomError };

export function ok<S>(state: S, events: readonly RoomEvent[] = []): RuleResult<S> {
  return { ok: true, state, events };
}

export function fail<S = never>(code: ErrorCode, message?: string): RuleResult<S> {
  return { ok: false, error: new RoomError(code, message) };
}

/** Runs rules one after another on the same state, concatenating events; the first failure wins. */
export function chain<S>(state: S, ...steps: ReadonlyArray<(s: S) => RuleResult<S>>): RuleResult<S> {
  let current = state;
  const events: RoomEvent[] = [];
  for (const step of steps) {
    const result = step(current);
    if (!result.ok) return result;
    current = result.state;
    events.push(...result.events);
  }
  return ok(current, events);
}

export function unwrap<S>(result: RuleResult<S>): S {
  if (!result.ok) throw result.error;
  return result.state;
}

export const invalid = (message: string) => fail<never>(ErrorCode.INVALID_PARAMETER, message);
