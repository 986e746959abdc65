// <vr-live-info>'s detail panel's English strings (the numbers, notice, seat mode and the owner's edit form). They
// load with the panel, not with the kit's entry (issue 14): most pages never open it. The zh-CN table
// (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { panelCloseStrings } from '../audience-list/close-strings.js';
import { addStrings } from '../i18n/locale.js';

export const liveInfoPanelStrings = {
  'liveInfo.roomId': 'Room ID {id}',
  'liveInfo.viewers': 'Viewers',
  'liveInfo.likes': 'Likes',
  'liveInfo.duration': 'Live for',
  'liveInfo.notice': 'Notice',
  'liveInfo.noNotice': 'No notice yet.',
  'liveInfo.seatMode': 'Seats',
  'liveInfo.seatMode.free': 'Free to take',
  'liveInfo.seatMode.apply': 'By application',
  'liveInfo.seatMode.freeHint': 'Anyone can take an empty seat.',
  'liveInfo.seatMode.applyHint': 'Listeners apply; you or an admin approve.',
  'liveInfo.edit': 'Edit room',
  'liveInfo.name': 'Room name',
  'liveInfo.cover': 'Cover image URL',
  'liveInfo.noticeField': 'Notice',
  'liveInfo.save': 'Save changes',
  'liveInfo.saved': 'Saved.',
  'liveInfo.chars': '{n}/{max}',
  'liveInfo.error.nameRequired': 'Give the room a name.',
  'liveInfo.error.tooLong': 'At most {max} characters.',
  'liveInfo.error.cover': 'Use an http(s) address.',
} as const;

addStrings(liveInfoPanelStrings);
addStrings(panelCloseStrings); // the close button's label, shared with the audience panel (close-strings.ts)
