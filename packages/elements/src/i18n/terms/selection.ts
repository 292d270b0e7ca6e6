// English for the checked rows' summary (the list's selection, shown in the bulk bar), loaded
// with it: no row is checked on the first screen.
import { defineTerms } from '../localize.js';

export const selectionTerms = defineTerms({
  selectLoaded: 'Select all loaded conversations',
  selectedCount: { other: '# selected' },
  allMatchingSelected: { other: 'All # matching selected' },
  selectAllMatching: { other: 'Select all # matching' },
  clearSelection: 'Clear selection',
});
