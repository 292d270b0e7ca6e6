// English for the assignee and label pickers, loaded with them.
import { defineTerms } from '../localize.js';

export const pickerTerms = defineTerms({
  pickerSearch: 'Search…',
  pickerSearchLabel: (what: string) => `Search ${what.toLowerCase()}`,
  noMatches: 'No matches',
});
