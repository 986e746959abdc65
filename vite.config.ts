import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { demoStampPlugins } from './scripts/demo-build.mjs';
import { minifyCssTemplatesPlugin } from './scripts/minify-css-templates.js';
import { minifyHtmlTemplatesPlugin } from './scripts/minify-html-templates.js';
import { litStaticPropertiesPlugin } from './scripts/lit-static-properties.js';
import { svgaWithoutEvalPlugin } from './scripts/svga-csp.js';

// One config for two jobs: `vite build` emits the library (dist/), `vite` (npm start) serves the whole
// project so the demo can import src/ and components/ straight from source with live reload.

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

// Whatever the consumer installs must not be bundled into dist/, or an app would end up with two copies
// of lit (two element registries) or rxjs (Observables that fail instanceof checks).
const externalPackages = new Set([
  'lit',
  'rxjs',
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
]);

function isExternal(id: string): boolean {
  if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
  for (const name of externalPackages) {
    if (id === name || id.startsWith(`${name}/`)) return true;
  }
  // Deep imports of lit's sibling packages (lit-html, lit-element, @lit/reactive-element) come with lit.
  return /^(lit-html|lit-element|@lit\/)/.test(id);
}

// `npm run bench size` measures its baseline with the elements' css and html templates as written
// (bench/kit-size.ts). Lit's decorators ship as `static properties` and `customElements.define`
// (scripts/lit-static-properties.ts) in every build.
const cssPlugins = [
  ...(process.env['VR_CSS_AS_WRITTEN'] ? [] : [minifyCssTemplatesPlugin()]),
  ...(process.env['VR_HTML_AS_WRITTEN'] ? [] : [minifyHtmlTemplatesPlugin()]),
  litStaticPropertiesPlugin(),
];

// The project root has no index.html; send a bare visit to the demo.
function redirectRootToDemo(): Plugin {
  return {
    name: 'vr-redirect-root-to-demo',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/playground.html');
          res.end();
          return;
        }
        next();
      });
    },
  };
}

/**
 * The demo's avatars and covers under `npm run dev`: the demo names them `/avatars/…` (the URLs are shared with
 * other people through the server, so they must be the same absolute paths the built demo serves), but this
 * config serves the project root, where they live in demo/public/avatars.
 */
function serveDemoAvatars(): Plugin {
  const dir = fileURLToPath(new URL('./demo/public/avatars/', import.meta.url));
  return {
    name: 'vr-demo-avatars',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/avatars\/([\w-]+\.svg)$/.exec((req.url ?? '').split('?')[0]!);
        if (!match) return next();
        try {
          const body = readFileSync(dir + match[1]);
          res.setHeader('content-type', 'image/svg+xml');
          res.end(body);
        } catch {
          next();
        }
      });
    },
  };
}

/**
 * Under `npm run dev` (scripts/dev.mjs sets VR_DEV_PROXY to the local room server it started) the demo at /demo/
 * talks to its own origin like the built one does: WebSocket, REST, the dev signer and wallet, and the gift assets
 * go through to the room server. Without it (the screenshot scripts) nothing is proxied.
 */
const roomServer = process.env['VR_DEV_PROXY'];
const proxy = roomServer
  ? {
      '/ws': { target: roomServer, ws: true },
      '/dev/': { target: roomServer },
      '/v4/': { target: roomServer },
      '/gifts/': { target: roomServer },
      '/healthz': { target: roomServer },
    }
  : undefined;

/**
 * `vite build --mode demo` (what `npm start` runs): the demo app as a static site in .vr-build/demo, served by
 * the local room server on the same origin as its WebSocket and REST endpoints. The stamp plugins record what the
 * build read, so `npm start` builds again only when that changed (scripts/demo-build.mjs).
 */
const demoStamp = demoStampPlugins();
const demoConfig = defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  base: '/',
  // The embedding example imports the kit by its package name, as a product would; here that is the source.
  resolve: {
    alias: [
      {
        find: /^voiceroom-kit\/components$/,
        replacement: fileURLToPath(new URL('./components/index.ts', import.meta.url)),
      },
      {
        find: /^voiceroom-kit\/backends\/(local|memory)$/,
        replacement: fileURLToPath(new URL('./src/backends/$1/index.ts', import.meta.url)),
      },
      { find: /^voiceroom-kit\/core$/, replacement: fileURLToPath(new URL('./src/core.ts', import.meta.url)) },
      { find: /^voiceroom-kit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  // The local server's CSP has no 'unsafe-eval': svgaplayerweb ships without its import-time eval probes.
  // The elements' `css` and `html` templates ship minified (scripts/minify-css-templates.ts, minify-html-templates.ts).
  plugins: [...cssPlugins, svgaWithoutEvalPlugin(), demoStamp.main],
  worker: { plugins: demoStamp.worker },
  // Avatars and covers the demo offers; copied as they are.
  publicDir: fileURLToPath(new URL('./demo/public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./.vr-build/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./demo/index.html', import.meta.url)),
        playground: fileURLToPath(new URL('./demo/playground.html', import.meta.url)),
        embed: fileURLToPath(new URL('./demo/embed.html', import.meta.url)),
        'tencent-probe': fileURLToPath(new URL('./demo/tencent-probe.html', import.meta.url)),
      },
    },
  },
});

const libraryConfig = defineConfig({
  root,
  // Relative asset URLs: the gift player's worker is emitted as dist/assets/svga-worker-*.js and must be found
  // next to dist/components.js wherever a product serves or bundles it (an absolute /assets/ would not be).
  base: './',
  // Demo assets live with the demo; the library build must not copy anything from public/.
  publicDir: false,
  // `npm run dev` serves the demo from source: svgaplayerweb as the demo build ships it (scripts/svga-csp.ts).
  // The `css` templates are minified in the build only (`apply: 'build'`): `npm run dev` serves them as written.
  plugins: [redirectRootToDemo(), serveDemoAvatars(), svgaWithoutEvalPlugin(), ...cssPlugins],
  server: {
    host: '127.0.0.1',
    port: 5173,
    ...(proxy ? { proxy } : {}),
  },
  preview: {
    host: '127.0.0.1',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Consumers bundle and minify; readable output makes their stack traces useful.
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core.ts',
        'backends/memory': 'src/backends/memory/index.ts',
        'backends/local': 'src/backends/local/index.ts',
        'backends/tencent': 'src/backends/tencent/index.ts',
        components: 'components/index.ts',
      },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isExternal,
      output: {
        // Shared code and lazy vendor adapters land here instead of next to the public entry files.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});

export default defineConfig((env) => (env.mode === 'demo' ? demoConfig : libraryConfig));
