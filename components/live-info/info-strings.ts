// <vr-live-info>'s English strings. They load with it, in the chunk of the room's live view
// (room/live-elements.ts), not with the kit's entry (issue 14); the zh-CN table (i18n/zh-cn.ts) still holds every key.
import { addStrings } from '../i18n/locale.js';

export const liveInfoStrings = {
  'liveInfo.details': 'Room details',
  'liveInfo.fans': '{n} fans',
  'liveInfo.fans#one': '{n} fan',
  'liveInfo.follow': 'Follow',
  'liveInfo.following': 'Following',
  'liveInfo.viewersCount': '{n} viewers',
  'liveInfo.viewersCount#one': '{n} viewer',
  'liveInfo.likesCount': '{n} likes',
  'liveInfo.likesCount#one': '{n} like',
  'liveInfo.durationLabel': 'Live for {time}',
};
addStrings(liveInfoStrings);
