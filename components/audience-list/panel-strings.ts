// <vr-audience-list>'s member panel's English strings. They load with it, not with the kit's entry (issue 14): most pages never open it.
// The zh-CN table (i18n/zh-cn.ts) still holds every key, so a missing translation stays a compile error.
import { addStrings } from '../i18n/locale.js';
import { panelCloseStrings } from './close-strings.js';

export const audiencePanelStrings = {
  'audience.title': 'Audience',
  'audience.total': '{n} in the room',
  'audience.search': 'Search by name or ID',
  'audience.list': 'Members',
  'audience.loadMore': 'Load more',
  'audience.end': 'That’s everyone',
  'audience.empty': 'No one here yet',
  'audience.noMatch': 'No one matches “{keyword}”',
  'audience.onSeat': 'Seat {n}',
  'audience.muted': 'Muted',
  'audience.inviteUser': 'Invite {name} to a seat',
  'audience.invited': 'Invited',
  'audience.muteUser': 'Mute {name} for {minutes} minutes',
  'audience.unmuteUser': 'Unmute {name}',
  'audience.kick': 'Remove',
  'audience.kickUser': 'Remove {name} from the room',
  'audience.kick.title': 'Remove {name} from the room?',
  'audience.kick.text': 'They can come straight back unless you also keep them out.',
  'audience.kick.ban': 'Keep them out',
  'audience.kick.ban.none': 'No, they may come back',
  'audience.kick.ban.hour': 'For 1 hour',
  'audience.kick.ban.day': 'For 24 hours',
  'audience.kick.ban.week': 'For 7 days',
  'audience.kick.cancel': 'Cancel',
} as const;

addStrings(audiencePanelStrings);
addStrings(panelCloseStrings); // the close button's label, shared with the live info panel (close-strings.ts)
