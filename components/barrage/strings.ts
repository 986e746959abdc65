// <vr-barrage>'s English strings. They load with it, in the chunk of the room's live view (room/live-elements.ts),
// not with the kit's entry (issue 14); the zh-CN table (i18n/zh-cn.ts) still holds every key. The notices' words stay
// in the entry: `barrageFeed` is public, and its entries name them.
import { addStrings } from '../i18n/locale.js';

export const barrageStrings = {
  'barrage.log': 'Chat messages',
  'barrage.empty': 'No messages yet. Say hi!',
  'barrage.placeholder': 'Say something…',
  'barrage.inputLabel': 'Message',
  'barrage.send': 'Send',
  'barrage.emoji': 'Emoji',
  'barrage.blocked.roomMuted': 'The host turned off chat for everyone',
  'barrage.blocked.muted': 'You are muted · {time} left',
  'barrage.blocked.rateLimited': 'Slow down: you can send again in a moment',
  'barrage.blocked.notJoined': 'Join the room to chat',
};
addStrings(barrageStrings);
