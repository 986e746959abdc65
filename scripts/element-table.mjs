#!/usr/bin/env node
// Writes the README's element table from the elements' own JSDoc headers (@summary, @fires, @csspart,
// @cssstate, @cssproperty), between the <!-- elements:start --> and <!-- elements:end --> markers, so the table cannot
// drift from the code. `node scripts/element-table.mjs --check` exits 1 when the README is out of date.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = [];
for (const dir of readdirSync(join(root, 'components'), { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  for (const file of readdirSync(join(root, 'components', dir.name))) {
    if (!file.endsWith('.ts') || file.endsWith('.styles.ts')) continue;
    const text = readFileSync(join(root, 'components', dir.name, file), 'utf8');
    const tag = /@customElement\('([a-z-]+)'\)/.exec(text)?.[1];
    if (!tag) continue;
    const header = text.slice(0, text.indexOf('@customElement'));
    const doc = header.slice(header.lastIndexOf('/**'));
    const all = (name) =>
      [...doc.matchAll(new RegExp(`@${name}\\s+(?:\\{[^}]*\\}\\s+)?([\\w-]+)`, 'g'))].map((m) => m[1]);
    const summary =
      /@summary\s+([\s\S]*?)(?=\n\s*\*\s*(?:@|\n|$)|\n\s*\*\/)/
        .exec(doc)?.[1]
        .replace(/\s*\n\s*\*\s*/g, ' ')
        .trim() ?? '';
    const code = (items) => (items.length ? items.map((i) => `\`${i}\``).join(', ') : '—');
    const cells = [
      `\`<${tag}>\``,
      summary.replace(/\|/g, '\\|'),
      code([...new Set(all('fires'))]),
      code(all('csspart')),
      code(all('cssstate')),
      code(all('cssproperty')),
    ];
    rows.push({ tag, line: `| ${cells.join(' | ')} |` });
  }
}
rows.sort((a, b) => a.tag.localeCompare(b.tag));
const table = [
  '| Tag | Purpose | Events | Parts | States | Tokens |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => r.line),
].join('\n');
const readmeFile = join(root, 'README.md');
const readme = readFileSync(readmeFile, 'utf8');
const start = '<!-- elements:start -->';
const end = '<!-- elements:end -->';
const next = `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README element table is out of date: run node scripts/element-table.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(readmeFile, next);
  console.log(`README: ${rows.length} elements`);
}
