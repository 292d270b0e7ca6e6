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
    const keys = this.#shape?.keys ?? [];
    if (!box) return;
    const estimate = this.#estimate();
    let before = 0;
    let after = 0;
    for (let i = 0; i < this.#range.start; i++) before += this.#heights.get(keys[i]!) ?? estimate;
    for (let i = this.#range.end; i < keys.length; i++) after += this.#heights.get(keys[i]!) ?? estimate;
    box.style.paddingBlock = `${before}px ${after}px`;
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
    });
  }

  #estimate(): number {
    return this.#heights.size > 0 ? this.#measuredTotal / this.#heights.size : FIRST_ESTIMATE;
  }

  /** The items in and near the view: from the bottom while pinned, else around the scroll position. */
  #window(keys: readonly string[], overscan = OVERSCAN): FeedRange {
    const el = this.#getScroller();
    const view = el?.clientHeight || 800;
    const estimate = this.#estimate();
    const heights = keys.map((key) => this.#heights.get(key) ?? estimate);
    const total = heights.reduce((sum, h) => sum + h, 0);
    const viewTop = this.#pinned || !el ? total - view : this.#viewTop(el, keys, heights);
    const from = viewTop - view * overscan;
    const to = viewTop + view * (1 + overscan);
    let start = 0;
    let top = 0;
    while (start < keys.length - 1 && top + heights[start]! < from) top += heights[start++]!;
    let end = start;
    let bottom = top;
    while (end < keys.length && bottom < to) bottom += heights[end++]!;
    return { start, end };
  }

  /**
   * Where the view starts, in the rows box: from the anchor when there is one, since the scroll
   * position is stale once items went in above it; else from the scroll position.
   */
  #viewTop(el: HTMLElement, keys: readonly string[], heights: number[]): number {
    const index = this.#anchor ? keys.indexOf(this.#anchor.key) : -1;
    if (index >= 0) {
      let top = 0;
      for (let i = 0; i < index; i++) top += heights[i]!;
      return top - this.#anchor!.offset;
    }
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
    const index = (this.#shape?.keys ?? []).indexOf(anchor.key) - this.#range.start;
    const row = index >= 0 ? this.#rows(el)[index] : undefined;
    if (!row) return;
    const drift = row.getBoundingClientRect().top - el.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(drift) < 0.5) return;
    el.scrollTop += drift;
  }
}
