// The generated gift icons: one per default gift, and none (not an exception) for any other gift ID, including
// IDs that are JavaScript property names (a gift `constructor` found Object's function and threw).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ICON_IDS, giftIconSvg } from '../../../server/gifts/icons.js';
import { ABSENT_PROPERTY_KEYS, PROPERTY_KEYS } from '../../property-keys.js';

describe('gift icons', () => {
  it('draws every icon it lists', () => {
    assert.ok(ICON_IDS.length > 0);
    for (const id of ICON_IDS) assert.match(giftIconSvg(id) ?? '', /^<svg[^>]*>[\s\S]*<\/svg>\s*$/, id);
  });

  it('has no icon, and throws nothing, for gift IDs that are property names', () => {
    for (const id of [...PROPERTY_KEYS, ...ABSENT_PROPERTY_KEYS]) assert.equal(giftIconSvg(id), undefined, id);
  });
});
