// The elements' markup is Lit `html` tagged templates, written indented for people; a bundler never touches the
// text inside a template literal, so every indent shipped (issue 14). Our builds (the library and the demo) drop
// the indentation before anything else sees the file, where doing so cannot change what renders:
//
// - Between tags (text): a whitespace run that holds a line break keeps its line breaks and loses its spaces and
//   tabs. Under `white-space: normal | nowrap` any run renders as one space (or nothing) either way, and under
//   `pre-line` spaces next to a line break are removed by CSS itself; so only `pre`, `pre-wrap` and
//   `break-spaces` boxes could tell, and those are left alone (below). A run without a line break is kept.
// - Inside a tag, between attributes: a whitespace run becomes one space, and none before the tag's `>`; its line
//   breaks move into the next `${…}` (before the expression), else into the last one (after it), else before the
//   template, so every line keeps its number.
//   Attribute values (quoted) and `${…}` expressions are copied as written.
// - Left as written: the content of `<pre>`, `<textarea>`, `<style>`, `<script>`, comments, and of every element
//   whose class names a box the kit's styles give `white-space: pre | pre-wrap | break-spaces`
//   (`preBoxClasses()` reads them from the styles at build time), including templates nested in its expressions;
//   a file whose styles give that to anything other than a class (`:host`, a tag) is left alone entirely.
//
// Templates are found with TypeScript's parser (the project pins typescript 5.9, which has the compiler API), so
// strings, comments and nested templates in expressions cannot confuse the scan.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { type Hole, type TemplatePlugin, cook, findCssTemplates, templatePlugin } from './minify-css-templates.js';

/** Elements whose text is never touched. */
const RAW_TEXT = new Set(['pre', 'textarea', 'style', 'script', 'title']);

const PRE = /white-space\s*:\s*(pre|pre-wrap|break-spaces)\s*(;|}|$|!)/;

/** What the styles under `dir` make a `pre*` box: class names, or `all` when something else is (`:host`, a tag). */
export interface PreBoxes {
  readonly classes: ReadonlySet<string>;
  readonly all: boolean;
}

/**
 * The classes the `css` templates in `sources` give `white-space: pre | pre-wrap | break-spaces` (as the subject of
 * a selector; `::before`/`::after` boxes hold generated text only and do not count). `all` when such a rule's
 * subject has no class.
 */
export function preBoxClasses(sources: readonly string[]): PreBoxes {
  const classes = new Set<string>();
  let all = false;
  for (const code of sources)
    for (const template of findCssTemplates(code)) {
      const holes: Hole[] = [];
      const text = cook(template.raw, holes).replace(/\/\*[^]*?\*\//g, '');
      // Every rule's selector and body, at any @media depth: `selector { declarations }` with no braces inside.
      for (const rule of text.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
        if (!PRE.test(rule[2]!)) continue;
        for (const selector of rule[1]!.split(',')) {
          const subject =
            selector
              .trim()
              .split(/[\s>+~]+/)
              .at(-1) ?? '';
          if (/::?(before|after|marker|placeholder)/.test(subject)) continue;
          const names = [...subject.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
          if (names.length === 0) all = true;
          for (const name of names) classes.add(name);
        }
      }
    }
  return { classes, all };
}

const preBoxCache = new Map<string, PreBoxes>();

/** The pre boxes the styles next to `file` (its folder) and the shared styles declare. */
function preBoxesFor(file: string): PreBoxes {
  const dir = dirname(file);
  let found = preBoxCache.get(dir);
  if (!found) {
    const shared = join(dir, '..', 'styles');
    const files = [dir, shared].flatMap((d) => {
      try {
        return readdirSync(d)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => join(d, f));
      } catch {
        return [];
      }
    });
    found = preBoxClasses(files.map((f) => readFileSync(f, 'utf8')).filter((code) => code.includes('css`')));
    preBoxCache.set(dir, found);
  }
  return found;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `code` with the whitespace of its `html`/`svg` templates minified (see above). */
export function minifyHtmlTemplates(
  code: string,
  filename: string,
  preBoxes: PreBoxes = preBoxesFor(filename),
): string {
  if (preBoxes.all) return code;
  const source = ts.createSourceFile(filename, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  /** Source ranges (expressions inside a protected element) whose templates stay as written. */
  const protectedRanges: [number, number][] = [];
  const isProtected = (at: number) => protectedRanges.some(([start, end]) => at >= start && at < end);

  const visit = (node: ts.Node): void => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      (node.tag.text === 'html' || node.tag.text === 'svg') &&
      !isProtected(node.getStart(source))
    )
      minifyTemplate(node.template, code, source, preBoxes.classes, edits, protectedRanges);
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The template's literal parts as [start, end) ranges of raw text, and the expressions between them. */
function parts(
  template: ts.TemplateLiteral,
  source: ts.SourceFile,
): { text: [number, number][]; holes: ts.Expression[] } {
  if (ts.isNoSubstitutionTemplateLiteral(template))
    return { text: [[template.getStart(source) + 1, template.end - 1]], holes: [] };
  const text: [number, number][] = [[template.head.getStart(source) + 1, template.head.end - 2]];
  const holes: ts.Expression[] = [];
  for (const span of template.templateSpans) {
    holes.push(span.expression);
    const literal = span.literal;
    const closing = ts.isTemplateTail(literal) ? 1 : 2;
    text.push([literal.getStart(source) + 1, literal.end - closing]);
  }
  return { text, holes };
}

function minifyTemplate(
  template: ts.TemplateLiteral,
  code: string,
  source: ts.SourceFile,
  preClasses: ReadonlySet<string>,
  edits: Edit[],
  protectedRanges: [number, number][],
): void {
  const { text, holes } = parts(template, source);
  // State carried across the `${…}` holes.
  let state: 'text' | 'tag' | 'comment' = 'text';
  let quote: string | null = null;
  /** Source of the start tag being read (with its holes), to decide whether its content is protected. */
  let tagSource = '';
  /** While inside a protected element: its name and nesting depth. */
  let keep: { name: string; depth: number } | null = null;

  const tagName = (tag: string) => /^<\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase() ?? '';
  const protects = (tag: string) => {
    const name = tagName(tag);
    if (RAW_TEXT.has(name)) return true;
    const classAttr = /\bclass(?:Map)?\b[^]*/.exec(tag)?.[0] ?? '';
    for (const word of classAttr.matchAll(/[\w-]+/g)) if (preClasses.has(word[0])) return true;
    return false;
  };

  text.forEach(([start, end], index) => {
    const raw = code.slice(start, end);
    let out = '';
    let at = 0;
    /** Line breaks taken out of the string inside tags: they go where JavaScript drops them (below). */
    let lost = 0;
    while (at < raw.length) {
      const ch = raw[at]!;
      if (ch === '\\') {
        out += raw.slice(at, at + 2);
        at += 2;
        continue;
      }
      if (state === 'comment') {
        const close = raw.indexOf('-->', at);
        if (close < 0) {
          out += raw.slice(at);
          at = raw.length;
        } else {
          out += raw.slice(at, close + 3);
          at = close + 3;
          state = 'text';
        }
        continue;
      }
      if (state === 'tag') {
        if (quote) {
          if (ch === quote) quote = null;
          out += ch;
          tagSource += ch;
          at += 1;
        } else if (ch === '"' || ch === "'") {
          quote = ch;
          out += ch;
          tagSource += ch;
          at += 1;
        } else if (/\s/.test(ch)) {
          let run = at;
          while (run < raw.length && /\s/.test(raw[run]!)) run += 1;
          // One space between attributes, none before the tag's `>` (`/>` keeps it: in `a=b/>` the slash would
          // belong to the unquoted value). The line breaks move out of the string (below).
          out += raw[run] === '>' ? '' : ' ';
          lost += raw.slice(at, run).split('\n').length - 1;
          tagSource += ' ';
          at = run;
        } else if (ch === '>') {
          out += ch;
          tagSource += ch;
          at += 1;
          state = 'text';
          const name = tagName(tagSource);
          const closing = tagSource.startsWith('</');
          if (keep) {
            if (name === keep.name && !tagSource.endsWith('/>')) keep.depth += closing ? -1 : 1;
            if (keep.depth === 0) keep = null;
          } else if (!closing && protects(tagSource)) keep = { name, depth: 1 };
        } else {
          out += ch;
          tagSource += ch;
          at += 1;
        }
        continue;
      }
      // Text.
      if (raw.startsWith('<!--', at)) {
        state = 'comment';
        out += '<!--';
        at += 4;
      } else if (ch === '<' && /[a-zA-Z/]/.test(raw[at + 1] ?? '')) {
        state = 'tag';
        tagSource = '<';
        out += ch;
        at += 1;
      } else if (/\s/.test(ch)) {
        let run = at;
        while (run < raw.length && /\s/.test(raw[run]!)) run += 1;
        const ws = raw.slice(at, run);
        out += keep || !ws.includes('\n') ? ws : ws.replace(/[^\n]/g, '');
        at = run;
      } else {
        out += ch;
        at += 1;
      }
    }
    if (out !== raw) edits.push({ start, end, text: out });
    // The line breaks taken out of a tag go into the next `${…}` before its expression; the last text's go after the
    // last expression (before its `}`), or before the template when it has none. There they are whitespace between
    // tokens, which a consumer's minifier drops, and every expression keeps its line (the module's source map stays
    // true without a new one). Never after the template: a line break there ends the statement before `as`,
    // `satisfies` or a non-null `!` (TypeScript's ASI), or before a postfix `++`.
    const hole = holes[index];
    if (lost > 0) {
      const last = holes.at(-1);
      const at = hole ? hole.pos : last ? last.end : template.getStart(source);
      edits.push({ start: at, end: at, text: '\n'.repeat(lost) });
    }
    if (hole) {
      if (state === 'tag') tagSource += code.slice(hole.getStart(source), hole.end);
      if (keep) protectedRanges.push([hole.getStart(source), hole.end]);
    }
  });
}

/** A vite/rolldown plugin minifying the `html` templates of the kit's own element sources. */
export function minifyHtmlTemplatesPlugin(): TemplatePlugin {
  return templatePlugin('vr-minify-html-templates', /\b(html|svg)`/, (code, file) => minifyHtmlTemplates(code, file));
}
