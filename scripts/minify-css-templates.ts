// The elements' styles are Lit `css` tagged templates. A consumer's bundler minifies the JavaScript around them but
// never the text inside a template literal, so every indent, comment and long-hand spelling of the kit's CSS used
// to ship as written: about a fifth of the kit's gzipped size (issue 14). Our builds (the library and the demo)
// run each template through lightningcss, the CSS minifier Vite itself uses, before anything else sees the file.
//
// A template's `${…}` holes (the like button's mask image, the tokens inside their rule) stand in the CSS as
// placeholders the minifier keeps as written; a hole anywhere else (a selector, a property name) fails the build
// rather than being minified into something else.

import { transform, transformStyleAttribute } from 'lightningcss';

/** One `css\`…\`` template found in a source file: where its body starts and ends, and its holes' expressions. */
interface CssTemplate {
  /** Offset of the first character after the opening backtick. */
  readonly start: number;
  /** Offset of the closing backtick. */
  readonly end: number;
  /** The raw body between the backticks. */
  readonly raw: string;
}

const TAG = /\bcss`/g;

/** The `css` templates of `code`, in order. Holes may hold code with braces and strings, not nested templates. */
export function findCssTemplates(code: string): CssTemplate[] {
  const found: CssTemplate[] = [];
  for (const match of code.matchAll(TAG)) {
    const start = match.index + match[0].length;
    let at = start;
    let end = -1;
    while (at < code.length) {
      const ch = code[at]!;
      if (ch === '\\') at += 2;
      else if (ch === '`') {
        end = at;
        break;
      } else if (ch === '$' && code[at + 1] === '{') at = skipHole(code, at + 2);
      else at += 1;
    }
    if (end < 0) throw new Error(`unterminated css template at offset ${match.index}`);
    found.push({ start, end, raw: code.slice(start, end) });
  }
  return found;
}

/** The offset just after the `}` that closes a hole starting at `at` (inside the braces). */
function skipHole(code: string, at: number): number {
  let depth = 1;
  while (at < code.length) {
    const ch = code[at]!;
    if (ch === '`') throw new Error(`a template inside a css template hole at offset ${at} is not supported`);
    if (ch === "'" || ch === '"') {
      at += 1;
      while (at < code.length && code[at] !== ch) at += code[at] === '\\' ? 2 : 1;
    } else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
    at += 1;
  }
  throw new Error('unterminated hole in a css template');
}

/**
 * The template's text as the `css` tag receives it (escapes applied), each hole replaced by a placeholder the
 * minifier keeps: `var(--vr-hole-N)` where the hole is (part of) a value, `--vr-hole-N:0` where it stands for
 * declarations (right after `{`, `;` or `}`: the tokens sheet puts its declaration list inside a rule that way).
 */
export function cook(raw: string, holes: Hole[]): string {
  let withoutHoles = '';
  let at = 0;
  while (at < raw.length) {
    const ch = raw[at]!;
    if (ch === '\\') {
      withoutHoles += raw.slice(at, at + 2);
      at += 2;
    } else if (ch === '$' && raw[at + 1] === '{') {
      const close = skipHole(raw, at + 2);
      const before = withoutHoles.replace(/(\s|\/\*[^]*?\*\/)+$/, '').at(-1);
      const declarations = before === undefined || before === '{' || before === ';' || before === '}';
      const placeholder = declarations ? `--vr-hole-${holes.length}:0` : `var(--vr-hole-${holes.length})`;
      withoutHoles += declarations ? `${placeholder};` : placeholder;
      holes.push({ source: raw.slice(at, close), placeholder });
      at = close;
    } else {
      withoutHoles += ch;
      at += 1;
    }
  }
  // The body is a template literal without holes now: let the JavaScript parser apply its escapes, exactly as the
  // `css` tag would see them (`\\` for a CSS escape's backslash, `\`` for a backtick). It is our own source.
  return new Function(`return \`${withoutHoles}\`;`)() as string;
}

export interface Hole {
  /** `${…}` as written. */
  readonly source: string;
  readonly placeholder: string;
}

/** A string as the raw body of a template literal whose cooked value is that string. */
function uncook(text: string): string {
  return text.replace(/[\\`]|\$\{/g, (m) => `\\${m}`);
}

/** `css` text minified; holes put back as `${…}`. Throws when a hole did not survive as one value. */
export function minifyCssText(raw: string, filename: string): string {
  const holes: Hole[] = [];
  const text = cook(raw, holes);
  let out = uncook(minify(text, filename));
  for (const { source, placeholder } of holes) {
    const parts = out.split(placeholder);
    if (parts.length !== 2)
      throw new Error(`${filename}: css template hole ${source} must stand for a value or for declarations`);
    out = parts.join(source);
  }
  return out;
}

/** A style sheet minified; a template that is a declaration list (the design tokens) minified as one. */
export function minify(text: string, filename: string): string {
  const asSheet = (): string =>
    transform({ filename, code: Buffer.from(text), minify: true, errorRecovery: false }).code.toString();
  const looksLikeDeclarations = /^\s*(\/\*[^]*?\*\/\s*)*[-\w]+\s*:/.test(text) && !/^[^{]*\{/.test(text.split(';')[0]!);
  if (!looksLikeDeclarations) return asSheet();
  return transformStyleAttribute({
    filename,
    code: Buffer.from(text),
    minify: true,
    errorRecovery: false,
  }).code.toString();
}

function countLines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n += 1;
  return n;
}

/** `code` with every `css` template's body minified. */
export function minifyCssTemplates(code: string, filename: string): string {
  const templates = findCssTemplates(code);
  if (templates.length === 0) return code;
  let out = '';
  let at = 0;
  for (const template of templates) {
    const minified = minifyCssText(template.raw, filename);
    // The removed line breaks go back right after the closing backtick, so every line after the template keeps its
    // number and the module's source map stays true without a new one. There they are whitespace between tokens,
    // which a consumer's minifier drops; inside the body they were part of the string and shipped (0.1 KB of the
    // kit's initial gzip, issue 14).
    const lost = countLines(template.raw) - countLines(minified);
    out += code.slice(at, template.start) + minified + '`' + '\n'.repeat(Math.max(0, lost));
    at = template.end + 1;
  }
  return out + code.slice(at);
}

/** A build plugin rewriting the kit's own element sources (components/**.ts) that hold `tag` templates. */
export interface TemplatePlugin {
  name: string;
  enforce: 'pre';
  apply: 'build';
  transform(code: string, id: string): { code: string; map: null } | undefined;
}

/**
 * `rewrite` runs on each element source holding a template the `holds` pattern finds. Rewrites keep every line's
 * number, so the existing source map still holds: `map: null`.
 */
export function templatePlugin(
  name: string,
  holds: RegExp,
  rewrite: (code: string, file: string) => string,
): TemplatePlugin {
  return {
    name,
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!/\/components\/.*\.ts$/.test(file) || file.includes('/node_modules/') || !holds.test(code)) return undefined;
      return { code: rewrite(code, file), map: null };
    },
  };
}

/** A vite/rolldown plugin minifying the `css` templates of the kit's own element sources. */
export function minifyCssTemplatesPlugin(): TemplatePlugin {
  return templatePlugin('vr-minify-css-templates', /\bcss`/, minifyCssTemplates);
}
