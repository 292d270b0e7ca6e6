import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Pixels from the bottom that still count as "at the bottom" (rounding, a partly hidden line). */
const BOTTOM_SLACK = 48;
/** Up to this many items a feed renders whole (find in page and screen readers see it all). */
export const RENDER_ALL_UP_TO = 60;
/** Rendered beyond each edge of the view, in viewport heights: room to scroll a while. */
const OVERSCAN = 1.5;
/** Drawn again only once the rows rendered cover less than this beyond an edge of the view. */
const MIN_OVERSCAN = 0.5;
/** What an item not yet measured is taken to measure. */
const FIRST_ESTIMATE = 72;

export interface FeedShape {
  /** Changes when a different content starts (another conversation, a first load). */
  key: string;
  /** Every item's identity, oldest first. */
  keys: readonly string[];
  /** True when the newest item is the user's own (a send): follow it even when scrolled up. */
  lastIsOwn: boolean;
}

/** Which items to render: `start` to before `end`. */
export interface FeedRange {
  start: number;
  end: number;
}

/**
 * A chat feed's scrolling, for a scroller holding a `.rows` box whose children are the items of
 * `range()`, one element each (`data-separator` on those that are no message). It opens at the bottom; follows new items there only when the
 * reader was there (or sent them); and keeps the item at the top of the view where it is when
 * older items arrive above, when an item grows (an image, a player) or when an estimate gives
 * way to a measure. Past RENDER_ALL_UP_TO items only those in and near the view are rendered,
 * the rest stood in for by padding sized from measured heights (estimated until seen), which
 * this controller writes on the `.rows` box.
 */
export class FeedWindowController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #getScroller: () => HTMLElement | null;
  readonly #getShape: () => FeedShape;
  readonly #heights = new Map<string, number>();
  #measuredTotal = 0;
  #shape: FeedShape | undefined;
  #range: FeedRange = { start: 0, end: 0 };
  /** Following the newest item: the reader is at the bottom. */
  #pinned = true;
  /** The first item in view and how far below the view's top it starts. */
  #anchor: { key: string; offset: number } | null = null;
  #resize: ResizeObserver | undefined;
  #observed = new Set<HTMLElement>();
  /** The scroll position last seen: a different one is the reader's move, not yet reported. */
  #seenTop = 0;
  /** Bumped whenever a height is learnt or forgotten: the layout below is then stale. */
  #heightsVersion = 0;
  /**
   * Where each item starts (tops[i]; tops[n] is the whole height) and each key's index, for the
   * keys and heights they were built from: a scroll reads them instead of adding 5,000 heights.
   */
  #layout: { keys: readonly string[]; version: number; tops: Float64Array; index: Map<string, number> } | null = null;

  constructor(host: ReactiveControllerHost, getScroller: () => HTMLElement | null, getShape: () => FeedShape) {
    this.#host = host;
    this.#getScroller = getScroller;
    this.#getShape = getShape;
    host.addController(this);
  }

  /** Whether the reader is at the bottom now. */
  get atBottom(): boolean {
    const el = this.#getScroller();
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
  }

  /** The items of `keys` (the shape's) to render now. */
  range(keys: readonly string[]): FeedRange {
    this.#range = keys.length <= RENDER_ALL_UP_TO ? { start: 0, end: keys.length } : this.#window(keys);
    return this.#range;
  }

  scrollToBottom(): void {
    this.#pinned = true;
    this.#toBottom();
    this.#recordAnchor();
    this.#host.requestUpdate();
  }

  /** To call on the scroller's scroll events. */
  onScroll(): void {
    this.#catchUpWithReader();
    const keys = this.#shape?.keys ?? [];
    if (keys.length <= RENDER_ALL_UP_TO) return;
    // Drawn again only when the rows rendered no longer cover the view and a margin: a redraw
    // every screen or so of scrolling rather than every frame.
    const needed = this.#window(keys, MIN_OVERSCAN);
    if (needed.start < this.#range.start || needed.end > this.#range.end) this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#resize ??= new ResizeObserver(() => this.#settle());
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#observed.clear();
  }

  /** Before the host renders: a new content opens at the bottom, and a send is followed there. */
  hostUpdate(): void {
    this.#catchUpWithReader();
    const before = this.#shape;
    const after = this.#getShape();
    this.#shape = after;
    if (!before || before.key !== after.key) {
      this.#heights.clear();
      this.#measuredTotal = 0;
      this.#heightsVersion++;
      this.#pinned = true;
    } else if (after.keys.at(-1) !== before.keys.at(-1) && after.lastIsOwn) {
      this.#pinned = true;
    }
  }

  hostUpdated(): void {
    this.#observeRows();
    this.#settle();
  }

  /** Where the reader has scrolled since last seen (the scroll event may not have come yet). */
  #catchUpWithReader(): void {
    const el = this.#getScroller();
    if (!el || Math.abs(el.scrollTop - this.#seenTop) < 1) return;
    this.#pinned = this.atBottom;
    this.#recordAnchor();
  }

  /** Measures what is rendered, then puts the view back where the reader had it. */
  #settle(): void {
    const el = this.#getScroller();
    if (!el) return;
    this.#measure(el);
    this.#pad(el);
    if (this.#pinned) this.#toBottom();
    else this.#restoreAnchor(el);
    this.#recordAnchor();
  }

  /**
   * The room the items not rendered take, above and below those rendered: written here rather
   * than rendered, so that a measure correcting an estimate costs no second render.
   */
  #pad(el: HTMLElement): void {
    const box = el.querySelector<HTMLElement>('.rows');
    if (!box) return;
    const { tops } = this.#layoutOf(this.#shape?.keys ?? []);
    const total = tops[tops.length - 1]!;
    box.style.paddingBlock = `${tops[this.#range.start]!}px ${total - tops[Math.min(this.#range.end, tops.length - 1)]!}px`;
  }

  #rows(el: HTMLElement): HTMLElement[] {
    return Array.from(el.querySelector('.rows')?.children ?? []) as HTMLElement[];
  }

  /** Each rendered item's pitch (its height and the gap after it). */
  #measure(el: HTMLElement): void {
    const rows = this.#rows(el);
    const keys = this.#shape?.keys ?? [];
    if (rows.length === 0) return;
    const gap = parseFloat(getComputedStyle(rows[0]!.parentElement!).rowGap) || 0;
    const tops = rows.map((row) => row.getBoundingClientRect().top);
    rows.forEach((row, i) => {
      const key = keys[this.#range.start + i];
      if (key === undefined) return;
      const pitch = i + 1 < rows.length ? tops[i + 1]! - tops[i]! : row.getBoundingClientRect().height + gap;
      const old = this.#heights.get(key);
      if (old !== undefined && Math.abs(old - pitch) < 0.5) return;
      this.#measuredTotal += pitch - (old ?? 0);
      this.#heights.set(key, pitch);
      this.#heightsVersion++;
    });
  }

  #estimate(): number {
    return this.#heights.size > 0 ? this.#measuredTotal / this.#heights.size : FIRST_ESTIMATE;
  }

  /** The layout of `keys`, built again only when they or a height changed since. */
  #layoutOf(keys: readonly string[]): { tops: Float64Array; index: Map<string, number> } {
    const kept = this.#layout;
    if (kept && kept.keys === keys && kept.version === this.#heightsVersion) return kept;
    const estimate = this.#estimate();
    const tops = new Float64Array(keys.length + 1);
    const index = new Map<string, number>();
    keys.forEach((key, i) => {
      tops[i + 1] = tops[i]! + (this.#heights.get(key) ?? estimate);
      index.set(key, i);
    });
    this.#layout = { keys, version: this.#heightsVersion, tops, index };
    return this.#layout;
  }

  /** The last item starting at or above `y` (binary search over the tops). */
  #itemAt(tops: Float64Array, y: number): number {
    let low = 0;
    let high = tops.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (tops[middle]! <= y) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  /** The items in and near the view: from the bottom while pinned, else around the scroll position. */
  #window(keys: readonly string[], overscan = OVERSCAN): FeedRange {
    const el = this.#getScroller();
    const view = el?.clientHeight || 800;
    const layout = this.#layoutOf(keys);
    const total = layout.tops[keys.length]!;
    const viewTop = this.#pinned || !el ? total - view : this.#viewTop(el, layout);
    const start = this.#itemAt(layout.tops, viewTop - view * overscan);
    const end = Math.min(keys.length, this.#itemAt(layout.tops, viewTop + view * (1 + overscan)) + 1);
    return { start, end: Math.min(keys.length, Math.max(end, start + 1)) };
  }

  /**
   * Where the view starts, in the rows box: from the anchor when there is one, since the scroll
   * position is stale once items went in above it; else from the scroll position.
   */
  #viewTop(el: HTMLElement, layout: { tops: Float64Array; index: Map<string, number> }): number {
    const index = this.#anchor ? layout.index.get(this.#anchor.key) : undefined;
    if (index !== undefined) return layout.tops[index]! - this.#anchor!.offset;
    const box = el.querySelector<HTMLElement>('.rows');
    // Where the rows box starts inside the scroller's content (below a "load older" button).
    const boxTop = box ? box.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop : 0;
    return el.scrollTop - boxTop;
  }

  /** Watches the rows rendered for growth (an image, a player); rows kept from the last render stay watched. */
  #observeRows(): void {
    const el = this.#getScroller();
    if (!el || !this.#resize) return;
    const rows = new Set(this.#rows(el));
    for (const row of this.#observed) if (!rows.has(row)) this.#resize.unobserve(row);
    for (const row of rows) if (!this.#observed.has(row)) this.#resize.observe(row);
    this.#observed = rows;
  }

  #toBottom(): void {
    const el = this.#getScroller();
    if (!el) return;
    const target = el.scrollHeight - el.clientHeight;
    if (Math.abs(el.scrollTop - target) < 1) return;
    el.scrollTop = target;
  }

  #recordAnchor(): void {
    const el = this.#getScroller();
    if (!el) return;
    this.#seenTop = el.scrollTop;
    const viewTop = el.getBoundingClientRect().top;
    const rows = this.#rows(el);
    const keys = this.#shape?.keys ?? [];
    for (const [i, row] of rows.entries()) {
      const box = row.getBoundingClientRect();
      // A separator is no anchor: older items loaded above move it to the top of their day.
      if (box.bottom <= viewTop || row.hasAttribute('data-separator')) continue;
      const key = keys[this.#range.start + i];
      this.#anchor = key === undefined ? null : { key, offset: box.top - viewTop };
      return;
    }
    this.#anchor = null;
  }

  #restoreAnchor(el: HTMLElement): void {
    const anchor = this.#anchor;
    if (!anchor) return;
    const index = (this.#layoutOf(this.#shape?.keys ?? []).index.get(anchor.key) ?? -1) - this.#range.start;
    const row = index >= 0 ? this.#rows(el)[index] : undefined;
    if (!row) return;
    const drift = row.getBoundingClientRect().top - el.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(drift) < 0.5) return;
    el.scrollTop += drift;
  }
}
