// <vr-seat>'s menu's English strings. They load with the menu's part (menu.ts), not with the kit's entry (issue 14):
// a listener who never opens a seat's menu never needs them. The zh-CN table (i18n/zh-cn.ts) still holds every key,
// so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';

export const seatMenuStrings = {
  'seat.menu.label': 'Seat {n} actions',
  'seat.menu.take': 'Take seat',
  'seat.menu.apply': 'Apply',
  'seat.menu.cancelApplication': 'Cancel application',
  'seat.menu.leave': 'Leave seat',
  'seat.menu.move': 'Move here',
  'seat.menu.invite': 'Invite someone',
  'seat.menu.kick': 'Remove from seat',
  'seat.menu.lock': 'Lock seat',
  'seat.menu.unlock': 'Unlock seat',
  'seat.menu.lockAudio': 'Lock microphone',
  'seat.menu.unlockAudio': 'Unlock microphone',
  'seat.menu.profile': 'View profile',
  'seat.menu.none': 'Nothing to do here',
} as const;

addStrings(seatMenuStrings);
