// The room notices', the end confirmation's and the bottom sheet's English strings: they load with their chunk
// (notices.ts), not with the kit's entry (issue 14). The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays
// a compile error. What a notice shows while its chunk is missing or failed ("Try again", "Back to rooms", cover.ts)
// stays in the entry's table.
import { addStrings } from '../i18n/locale.js';

export const noticesStrings = {
  'room.end.title': 'End the live?',
  'room.end.text': 'Everyone in the room will be sent out and the seats released.',
  'room.end.confirm': 'End live',
  'room.cancel': 'Cancel',
  'room.notice.ended.title': 'This live has ended',
  'room.notice.ended.owner': 'You ended the live',
  'room.notice.ended.text': 'Thanks for listening. See you next time.',
  'room.notice.ended.ownerText': 'Everyone has left and the seats are released.',
  'room.notice.kicked.title': 'You were removed from the room',
  'room.notice.kicked.text': 'A host or admin removed you from this room.',
  'room.notice.banned.title': 'You are banned from this room',
  'room.notice.banned.text': 'You cannot rejoin this room for now.',
  'room.notice.left.title': 'You left the room',
  'room.notice.left.text': 'Come back any time while the live is on.',
  'room.notice.autoLeave': 'Going back to the rooms in {n} s',
  'room.failed.title': 'Could not open the room',
  'room.failed.text': 'Something went wrong on the way in. Try again, or go back to the rooms.',
  'room.failed.ended.text': 'It ended before you got in, or it never existed. Pick another room from the list.',
  'room.failed.full.title': 'This room is full',
  'room.failed.full.text': 'Try again in a little while, or pick another room.',
  'room.failed.busy.title': 'You are still in another room',
  'room.failed.busy.text': 'Leave that room first, or close the tab it is open in, then try again.',
  'room.failed.offline.title': 'Could not reach the room',
  'room.failed.offline.text': 'Check your connection, then try again.',
  'room.failed.signin.title': 'Could not sign you in',
  'room.failed.signin.text': 'Your sign-in expired or was refused. Reload the page, then try again.',
  'room.displaced.title': 'Opened in another tab',
  'room.displaced.text':
    'You have this room open in another tab or window, so this one went quiet. Use it here instead?',
  'room.displaced.takeOver': 'Use here',
  'room.failed.detail': 'Details: {message} (code {code})',
  'room.close': 'Close',
} as const;

addStrings(noticesStrings);
