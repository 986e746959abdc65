// How a seat request ended, in words (request-notice.ts picks the key): `<vr-seat-requests>` says it in its panel and
// `<vr-room>` in a note, and both load on demand, so these English strings load with them (issue 14), not with the
// kit's entry. The zh-CN table (i18n/zh-cn.ts) still holds every key.
//
// Each of the two adds the table itself (`addStrings(requestNoticeStrings)`): a module both share becomes a chunk of
// its own in a build, and a consumer's bundler drops a chunk imported only for its side effects.

export const requestNoticeStrings = {
  'requests.notice.mine.apply.accepted': 'Your request was approved. You are on the mic.',
  'requests.notice.mine.apply.rejected': 'The host declined your request.',
  'requests.notice.mine.apply.timeout': 'Your request timed out.',
  'requests.notice.mine.apply.cancelled': 'Request withdrawn.',
  'requests.notice.mine.invite.accepted': 'You joined the mic.',
  'requests.notice.mine.invite.rejected': 'Invitation declined.',
  'requests.notice.mine.invite.timeout': 'The invitation expired.',
  'requests.notice.mine.invite.cancelled': 'The invitation was withdrawn.',
  'requests.notice.other.apply.accepted': '{name} is on the mic.',
  'requests.notice.other.apply.rejected': 'Declined {name}.',
  'requests.notice.other.apply.timeout': '{name}’s request timed out.',
  'requests.notice.other.apply.cancelled': '{name} withdrew their request.',
  'requests.notice.other.apply.handled-by-other': '{name}’s request was answered by another admin.',
  'requests.notice.other.invite.accepted': '{name} accepted your invitation.',
  'requests.notice.other.invite.rejected': '{name} declined your invitation.',
  'requests.notice.other.invite.timeout': '{name} did not answer your invitation.',
  'requests.notice.other.invite.cancelled': 'Invitation to {name} withdrawn.',
  'requests.notice.other.invite.handled-by-other': 'Invitation to {name} ended.',
} as const;
