import type { RequestUpdate } from '../../src/index.js';
import type { MessageKey } from '../i18n/strings.js';

/** What an ended request means for me, in words: the message key and the name it mentions. */
export interface RequestNotice {
  readonly key: MessageKey;
  readonly name: string;
  /** The request was about me (my application, an invitation to me) rather than someone I answered or invited. */
  readonly mine: boolean;
  /** How it went for the person it is about, for the tone of a toast. */
  readonly outcome: 'good' | 'bad' | 'neutral';
}

/**
 * The one place that words a request's end: `<vr-seat-requests>` announces it in its panel and `<vr-room>` in a
 * toast while that panel is closed. Null while the request is still pending.
 */
export function requestNotice({ request, status }: RequestUpdate, me: string): RequestNotice | null {
  if (status === 'pending') return null;
  const subject = request.type === 'apply' ? request.from : request.to;
  if (!subject) return null;
  const mine = subject.userId === me;
  const key = `requests.notice.${mine ? 'mine' : 'other'}.${request.type}.${status}` as MessageKey;
  const outcome = status === 'accepted' ? 'good' : status === 'rejected' || status === 'timeout' ? 'bad' : 'neutral';
  return { key, name: subject.userName, mine, outcome };
}
