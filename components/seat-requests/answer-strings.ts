// The words of an answer to a seat application: `<vr-seat-requests>`' queue and `<vr-room>`'s request prompt show
// them, and both load on demand, so these English strings load with them (issue 14), not with the kit's entry. The
// zh-CN table (i18n/zh-cn.ts) still holds every key.
//
// Each of the two adds the table itself (`addStrings(requestAnswerStrings)`): a module both share becomes a chunk of
// its own in a build, and a consumer's bundler drops a chunk imported only for its side effects.

export const requestAnswerStrings = {
  'requests.approve': 'Approve',
  'requests.reject': 'Reject',
  'requests.approveUser': 'Approve {name}',
  'requests.rejectUser': 'Reject {name}',
  'requests.wantsSeat': 'Wants seat {n}',
  'requests.wantsAny': 'Wants any seat',
} as const;
