/** Gap between an anchor and its popover, and from the viewport's edges. */
const GAP = 4;

/**
 * Puts a `position: fixed` popover under its anchor (above it when there is no room below),
 * kept inside the viewport. Plain geometry rather than CSS anchor positioning, which host
 * pages' browsers do not all have yet, and which cannot anchor across shadow roots.
 */
export function placePopover(popover: HTMLElement, anchor: Element): void {
  const a = anchor.getBoundingClientRect();
  const width = popover.offsetWidth;
  const height = popover.offsetHeight;
  const below = a.bottom + GAP;
  const top = below + height <= innerHeight - GAP || a.top - GAP - height < GAP ? below : a.top - GAP - height;
  const left = a.left + width <= innerWidth - GAP ? a.left : innerWidth - width - GAP;
  popover.style.top = `${Math.max(GAP, Math.min(top, innerHeight - height - GAP))}px`;
  popover.style.left = `${Math.max(GAP, left)}px`;
}

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * For a popover opened by a `popovertarget` button in the same shadow root: places it under
 * that button. Call from `beforetoggle` (not yet sized: a first guess) and again from `toggle`
 * with `focus`, once it is shown and sized, to place it for good and focus inside it.
 */
export function followInvoker(popover: HTMLElement, focus?: string): void {
  const anchor = (popover.getRootNode() as ParentNode).querySelector(`[popovertarget="${popover.id}"]`);
  if (anchor) placePopover(popover, anchor);
  if (focus) popover.querySelector<HTMLElement>(focus)?.focus();
}

/** What a popover's first focus goes to: the search box, else the list, else the first control. */
export const POPOVER_FOCUS = '.picker-search, .picker-list, input, button';
