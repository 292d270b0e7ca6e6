// The parts of @lit-labs/virtualizer the list uses, in one module that is loaded lazily
// (internal/load-virtualizer.ts): a tenth of the bundle that the list's first screen can do without.
import { noChange } from 'lit';
import { AsyncDirective } from 'lit/async-directive.js';
import { directive, type ElementPart } from 'lit/directive.js';

export { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
export { flow } from '@lit-labs/virtualizer/layouts/flow.js';

// The virtualizer works out which rows are in view when something scrolls or is resized, and only
// then. A list that comes into view any other way (a banner above it collapses, a host's section
// opens, the page's layout settles while it loads) would keep what it drew out of view: nothing.
// So each virtualized scroller is watched at every tenth of it the viewport shows, and a change
// hands the virtualizer the scroll event it listens for on the scroller (scroll events do not
// bubble: it reaches no one else).
const viewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) entry.target.dispatchEvent(new Event('scroll'));
  },
  { threshold: Array.from({ length: 11 }, (_, i) => i / 10) },
);

class InView extends AsyncDirective {
  #element: Element | null = null;

  render(): unknown {
    return noChange;
  }

  override update(part: ElementPart): unknown {
    if (part.element !== this.#element) {
      if (this.#element) viewport.unobserve(this.#element);
      this.#element = part.element;
      viewport.observe(part.element);
    }
    return noChange;
  }

  protected override disconnected(): void {
    if (this.#element) viewport.unobserve(this.#element);
  }

  protected override reconnected(): void {
    if (this.#element) viewport.observe(this.#element);
  }
}

/** An element directive for a virtualized scroller: its rows are worked out again as it comes into view. */
export const inView = directive(InView);
