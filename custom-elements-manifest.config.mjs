// `cem analyze` (the last step of `npm run build`): custom-elements.json, the Custom Elements Manifest that package.json
// "customElements" points editors, linters and catalogues at. Read from the elements' sources: Lit's decorators
// (attributes, properties) and each element's JSDoc header (@summary, @fires, @csspart, @cssprop, @cssstate, @slot).
//
// The package ships the elements as one bundle, `voiceroom-kit/components` (dist/components.js), not as the source
// files the analyzer reads, so `publishedShape` rewrites the manifest into what a consumer can import: one module,
// dist/components.js, with every element, the base class they share, and a `custom-element-definition` per tag.
// Private members go (they are no API), and each element's events get their event class as type.

const BUNDLE = 'dist/components.js';

/** @param {string} text */
const unquote = (text) => text.replace(/^['"]|['"]$/g, '');

function publishedShape() {
  return {
    name: 'voiceroom-published-shape',
    /** @param {{ customElementsManifest: any }} args */
    packageLinkPhase({ customElementsManifest: manifest }) {
      const modules = manifest.modules;
      const index = modules.find((m) => m.path === 'components/index.ts');
      if (!index) throw new Error('cem: components/index.ts was not analyzed');
      const exported = new Set(index.exports.filter((e) => e.kind === 'js').map((e) => e.name));

      // Event classes (components/events/*): `static readonly type = 'vr-…'` names the event each one is.
      const eventClassOf = new Map();
      for (const module of modules) {
        for (const declaration of module.declarations ?? []) {
          const type = declaration.members?.find((m) => m.static && m.name === 'type' && /^'vr-/.test(m.default ?? ''));
          if (type) eventClassOf.set(unquote(type.default), declaration.name);
        }
      }

      const declarations = [];
      const definitions = [];
      for (const module of modules) {
        for (const declaration of module.declarations ?? []) {
          const isElement = declaration.customElement === true && declaration.tagName;
          const isBase = declaration.name === 'VrElement';
          if (!isElement && !isBase) continue;
          if (!exported.has(declaration.name))
            throw new Error(`cem: ${declaration.name} is not exported by components/index.ts`);
          declarations.push(declaration);
          if (isElement)
            definitions.push({
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: { name: declaration.name, module: BUNDLE },
            });
        }
      }

      for (const declaration of declarations) {
        declaration.members = (declaration.members ?? []).filter(
          (m) => m.privacy !== 'private' && !m.name.startsWith('#'),
        );
        if (declaration.superclass?.name === 'VrElement')
          declaration.superclass = { name: 'VrElement', module: BUNDLE };
        for (const list of [declaration.members, declaration.attributes ?? [], declaration.events ?? []]) {
          for (const item of list)
            if (item.inheritedFrom) item.inheritedFrom = { name: item.inheritedFrom.name, module: BUNDLE };
        }
        // The analyzer lists `dispatchEvent(new VrXEvent(…))` as a nameless event beside the documented `@fires vr-x`:
        // keep the documented one and give it the class as its type; one dispatched but not documented is named here.
        const named = (declaration.events ?? []).filter((e) => e.name);
        for (const event of (declaration.events ?? []).filter((e) => !e.name)) {
          const name = [...eventClassOf].find(([, cls]) => cls === event.type?.text)?.[0];
          if (name && !named.some((e) => e.name === name)) named.push({ name, type: event.type });
        }
        for (const event of named) {
          const eventClass = eventClassOf.get(event.name);
          if (eventClass) event.type = { text: eventClass };
        }
        if (declaration.events) declaration.events = named;
      }

      manifest.modules = [
        {
          kind: 'javascript-module',
          path: BUNDLE,
          declarations,
          exports: [
            ...declarations.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: BUNDLE } })),
            ...definitions,
          ],
        },
      ];
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself; the analyzer would otherwise rewrite package.json on every run.
  packagejson: false,
  plugins: [publishedShape()],
};
