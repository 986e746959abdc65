/**
 * The base of every `vr-*` event (docs/architecture.md §5): bubbling and composed, with the element's `detail`. An
 * event class names its `type` and, for a report rather than an intent, `static cancelable = false`; the constructor
 * is written once, here (35 copies of it cost the kit's initial load about 0.3 KB).
 */
export class VrEvent<D> extends Event {
  readonly detail: D;

  constructor(detail: D) {
    const kind = new.target as unknown as { readonly type: string; readonly cancelable?: boolean };
    super(kind.type, { bubbles: true, composed: true, cancelable: kind.cancelable ?? true });
    this.detail = detail;
  }
}
