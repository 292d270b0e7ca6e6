import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Pixels from the bottom that still count as "at the bottom" (rounding, a partly hidden line). */
const BOTTOM_SLACK = 48;

export interface ContentShape {
  /** Changes when a different content starts (another conversation, a first load). */
  key: string;
  /** The first and last item identities: which end grew. */
  first: string | number | undefined;
  last: string | number | undefined;
  /** True when the newest item is the user's own (a send): follow it even when scrolled up. */
  lastIsOwn: boolean;
}

/**
 * Chat-style scrolling for a scroller whose content grows at both ends: opens at the bottom,
 * follows new items at the bottom only when the reader was already there (or sent them), and
 * keeps the reader's place when older items arrive at the top.
 */
export class StickToBottomController implements ReactiveController {
  readonly #getScroller: () => HTMLElement | null;
  readonly #getShape: () => ContentShape;
  #before: ContentShape | undefined;
  #wasAtBottom = true;
  #heightBefore = 0;

  constructor(host: ReactiveControllerHost, getScroller: () => HTMLElement | null, getShape: () => ContentShape) {
    this.#getScroller = getScroller;
    this.#getShape = getShape;
    host.addController(this);
  }

  /** Whether the reader is at the bottom now. */
  get atBottom(): boolean {
    const el = this.#getScroller();
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
  }

  scrollToBottom(): void {
    const el = this.#getScroller();
    if (el) el.scrollTop = el.scrollHeight;
  }

  hostUpdate(): void {
    const el = this.#getScroller();
    this.#wasAtBottom = this.atBottom;
    this.#heightBefore = el?.scrollHeight ?? 0;
  }

  hostUpdated(): void {
    const before = this.#before;
    const after = this.#getShape();
    this.#before = after;
    const el = this.#getScroller();
    if (!el) return;
    if (!before || before.key !== after.key) {
      this.scrollToBottom();
    } else if (after.last !== before.last) {
      if (this.#wasAtBottom || after.lastIsOwn) this.scrollToBottom();
    } else if (after.first !== before.first) {
      // Older items went in above: move down by what was added so the same message stays put.
      el.scrollTop += el.scrollHeight - this.#heightBefore;
    }
  }
}
