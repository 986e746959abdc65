// The room's notes' English strings (and those of a request's end, shared with <vr-seat-requests>): they load with
// the notes' chunk (note-toast.ts), not with the kit's entry (issue 14). The zh-CN table (i18n/zh-cn.ts) still holds
// every key.
import { addStrings } from '../i18n/locale.js';
import { requestNoticeStrings } from '../seat-requests/notice-strings.js';

export const noteStrings = {
  'room.note.applied': 'Request sent. You will see here when a host answers.',
  'room.note.seatKicked': 'A host took you off seat {n}.',
  'room.note.seatKickedNote': 'A host took you off seat {n}: {note}',
} as const;

addStrings(noteStrings);
addStrings(requestNoticeStrings); // how a request of mine ended (seat-requests/notice-strings.ts)
