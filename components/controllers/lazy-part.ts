import type { CSSResult, ReactiveController, ReactiveElement } from 'lit';

/** A module with a part of an element's template (a panel that opens on demand) and the styles it needs. */
export interface PartModule {
  readonly styles: CSSResult;
}

const modules = new WeakMap<() => Promise<PartModule>, Promise<PartModule>>();

/**
 * A region of an element that most people never open (the audience panel), kept out of the kit's initial load
 * (issue 14): its module is imported the first time `load()` is called, its styles join the element's shadow root
 * then, and the host updates. Until `module` is there, the host renders a loading state in its place.
 */
export class LazyPart<M extends PartModule> implements ReactiveController {
  /** The loaded module, once it arrived. */
  module: M | undefined;
  private started = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly importer: () => Promise<M>,
  ) {
    host.addController(this);
  }

  /** Fetches the part (once per page); resolves when it renders in this host. */
  async load(): Promise<M> {
    if (this.module) return this.module;
    let loading = modules.get(this.importer) as Promise<M> | undefined;
    if (!loading) {
      loading = this.importer();
      modules.set(this.importer, loading);
      // Offline for a moment: the next open tries again.
      loading.catch(() => modules.delete(this.importer));
    }
    this.started = true;
    const module = await loading;
    if (!this.module) {
      adopt(this.host, module.styles);
      this.module = module;
      this.host.requestUpdate();
    }
    return module;
  }

  hostConnected(): void {
    // A host whose part was loaded before it was (re)attached keeps it: the styles live on its shadow root.
    if (this.started && !this.module) void this.load();
  }
}

/** Adds `styles` after the element's own, as Lit's `static styles` would have. */
function adopt(host: ReactiveElement, styles: CSSResult): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  const sheet = styles.styleSheet;
  if (sheet) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // No constructable style sheets: Lit put its own <style> elements first in the root; ours goes right after them.
  const style = document.createElement('style');
  style.textContent = styles.cssText;
  const own = root.querySelectorAll(':scope > style');
  root.insertBefore(style, own.length > 0 ? own[own.length - 1]!.nextSibling : root.firstChild);
}
