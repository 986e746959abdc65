// <vr-seat-requests>'s English strings. They load with it, not with the kit's entry (issue 14): most pages never open it.
// The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';
import { requestAnswerStrings } from './answer-strings.js';
import { requestNoticeStrings } from './notice-strings.js';

export const seatRequestsStrings = {
  'requests.title': 'Seat requests',
  'requests.tabs': 'Requests',
  'requests.tab.queue': 'Applications',
  'requests.tab.invite': 'Invite',
  'requests.empty': 'No one is waiting for a seat',
  'requests.emptyHint': 'Applications appear here in the order they arrive.',
  'requests.admitAll': 'Admit all',
  'requests.rejectAll': 'Reject all',
  'requests.expiresIn': 'Expires in {time}',
  'requests.noTimeout': 'No time limit',
  'requests.position': '{n} of {total}',
  'requests.mine.title': 'Waiting for the host',
  'requests.mine.seat': 'You asked for seat {n}',
  'requests.mine.any': 'You asked for a seat',
  'requests.mine.cancel': 'Cancel request',
  'requests.invitation.title': '{name} invites you to speak',
  'requests.invitation.seat': 'Seat {n}',
  'requests.invitation.any': 'Any free seat',
  'requests.invitation.accept': 'Accept',
  'requests.invitation.decline': 'Decline',
  'requests.invite.seat': 'Seat to offer',
  'requests.invite.anySeat': 'Any free seat',
  'requests.invite.search': 'Search the audience',
  'requests.invite.send': 'Invite',
  'requests.invite.sendUser': 'Invite {name}',
  'requests.invite.sent': 'Invited',
  'requests.invite.withdraw': 'Withdraw',
  'requests.invite.withdrawUser': 'Withdraw the invitation to {name}',
  'requests.invite.empty': 'Nobody to invite right now',
  'requests.invite.noMatch': 'No one matches “{keyword}”',
  'requests.invite.noSeat': 'All seats are taken',
} as const;

addStrings(seatRequestsStrings);
addStrings(requestNoticeStrings);
addStrings(requestAnswerStrings); // the queue's approve/reject, shared with the room's prompt (answer-strings.ts)
