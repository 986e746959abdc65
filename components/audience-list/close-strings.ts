// The close button's label of the panels that load on demand (`<vr-audience-list>`'s member panel and
// `<vr-live-info>`'s detail panel): its English loads with them (issue 14), not with the kit's entry. The zh-CN table
// (i18n/zh-cn.ts) still holds the key.
//
// Each of the two adds the table itself (`addStrings(panelCloseStrings)`): a module both share becomes a chunk of its
// own in a build, and a consumer's bundler drops a chunk imported only for its side effects.

export const panelCloseStrings = {
  'liveInfo.close': 'Close',
} as const;
