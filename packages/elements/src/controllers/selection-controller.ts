import type { ReactiveControllerHost } from 'lit';

/**
 * The list's multi-selection: checked ids, the anchor a shift-click extends from, and "all
 * matching" (every conversation of the view and filter, loaded or not). The host owns the
 * order; this only remembers what is checked and tells the host when that changes.
 */
export class SelectionController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange: () => void;
  #ids = new Set<string>();
  #anchor = '';
  #allMatching = false;

  constructor(host: ReactiveControllerHost, onChange: () => void) {
    this.#host = host;
    this.#onChange = onChange;
  }

  get size(): number {
    return this.#ids.size;
  }

  /** Every conversation matching the query is selected, loaded or not. */
  get allMatching(): boolean {
    return this.#allMatching;
  }

  /** Anything selected: the list is in selection mode. */
  get active(): boolean {
    return this.#ids.size > 0 || this.#allMatching;
  }

  has(id: string): boolean {
    return this.#allMatching || this.#ids.has(id);
  }

  /** The selected ids in list order. */
  ids(order: readonly string[]): string[] {
    return this.#allMatching ? [...order] : order.filter((id) => this.#ids.has(id));
  }

  /** Checks or unchecks one row; it becomes the anchor of the next range. */
  toggle(id: string, on = !this.has(id), order: readonly string[] = []): void {
    // Unchecking one row of "all matching" leaves the loaded rows but that one.
    if (this.#allMatching) this.#ids = new Set(order);
    this.#allMatching = false;
    if (on) this.#ids.add(id);
    else this.#ids.delete(id);
    this.#anchor = id;
    this.#changed();
  }

  /** Checks every row from the anchor to `id` (a shift-click); just `id` without an anchor. */
  selectRange(id: string, order: readonly string[]): void {
    const from = order.indexOf(this.#anchor);
    const to = order.indexOf(id);
    if (from < 0 || to < 0) return this.toggle(id, true, order);
    for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) this.#ids.add(rowId);
    this.#anchor = id;
    this.#changed();
  }

  selectAll(order: readonly string[]): void {
    this.#ids = new Set(order);
    this.#changed();
  }

  selectAllMatching(): void {
    this.#allMatching = true;
    this.#changed();
  }

  clear(): void {
    if (!this.active) return;
    this.#ids.clear();
    this.#allMatching = false;
    this.#anchor = '';
    this.#changed();
  }

  /** Forgets rows that left the list (archived elsewhere, out of the view). */
  prune(order: readonly string[]): void {
    if (this.#ids.size === 0) return;
    const present = new Set(order);
    const kept = [...this.#ids].filter((id) => present.has(id));
    if (kept.length === this.#ids.size) return;
    this.#ids = new Set(kept);
    this.#changed();
  }

  #changed(): void {
    this.#host.requestUpdate();
    this.#onChange();
  }
}
