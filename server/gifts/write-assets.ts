// Writes every default gift asset (icons, SVGA effects) and catalog.json into a directory.
//
//   node --import tsx server/gifts/write-assets.ts <dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_GIFT_CATALOG, GIFT_ASSET_PREFIX, giftAssets } from './catalog.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx server/gifts/write-assets.ts <dir>');
  process.exit(2);
}
const out = resolve(dir);
mkdirSync(out, { recursive: true });
for (const [path, asset] of giftAssets()) {
  writeFileSync(join(out, path.slice(GIFT_ASSET_PREFIX.length)), asset.body);
}
writeFileSync(join(out, 'catalog.json'), `${JSON.stringify(DEFAULT_GIFT_CATALOG, null, 2)}\n`);
console.log(`wrote ${giftAssets().size} gift assets and catalog.json to ${out}`);
