/** Rows a PageUp/PageDown moves: about one screen of rows. */
const PAGE = 8;

/**
 * The listbox index a navigation key moves to (WAI-ARIA listbox pattern, no wrap), or
 * undefined when the key does not navigate.
 */
export function navigate(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(current + 1, last);
    case 'ArrowUp':
      return current < 0 ? 0 : Math.max(current - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(Math.max(current, 0) + PAGE, last);
    case 'PageUp':
      return Math.max(current - PAGE, 0);
    default:
      return undefined;
  }
}

/** Initials for an avatar: "Ana Ruiz" -> "AR", "+1 555…" -> "#". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0) return '#';
  const first = words[0]!.charAt(0);
  const second = words.length > 1 ? words[words.length - 1]!.charAt(0) : '';
  return (first + second).toUpperCase();
}
