// The list's single-key shortcuts (Gmail's letters, where agents already know them). Keys with
// Ctrl, Alt or Meta are left to the browser and the host page.

export type ListShortcut = 'open' | 'toggleSelect' | 'archive' | 'star' | 'unread' | 'menu' | 'clearSelection';

export function shortcutFor(event: KeyboardEvent, selecting: boolean): ListShortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined;
  if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) return 'menu';
  if (event.key === 'Enter') return 'open';
  // Space is the listbox's selection key: it checks rows while selecting, else opens (single select).
  if (event.key === ' ') return selecting ? 'toggleSelect' : 'open';
  if (event.key === 'Escape') return selecting ? 'clearSelection' : undefined;
  switch (event.key.toLowerCase()) {
    case 'x':
      return 'toggleSelect';
    case 'e':
      return 'archive';
    case 's':
      return 'star';
    case 'u':
      return 'unread';
    case 'm':
      return 'menu';
    default:
      return undefined;
  }
}
