// <vr-room-list>'s English strings. They load with it, not with the kit's entry (issue 14): most pages never open it.
// The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';

export const roomListStrings = {
  'roomList.title': 'Live now',
  'roomList.label': 'Live rooms',
  'roomList.refresh': 'Refresh',
  'roomList.more': 'Load more',
  'roomList.loading': 'Loading rooms…',
  'roomList.end': 'You have seen every live room',
  'roomList.empty.title': 'No live rooms right now',
  'roomList.empty.text': 'Start one, or check back in a moment.',
  'roomList.error.title': 'Could not load rooms',
  'roomList.retry': 'Try again',
  'roomList.viewers': '{n} listening',
  'roomList.live': 'Live',
} as const;

addStrings(roomListStrings);
