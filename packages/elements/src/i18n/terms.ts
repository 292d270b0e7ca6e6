// Every term Convkit shows, as one type: what a complete translation must give.
import type { bulkTerms } from './terms/bulk.js';
import type { coreTerms } from './terms/core.js';
import type { panelTerms } from './terms/panels.js';
import type { pickerTerms } from './terms/picker.js';
import type { threadTerms } from './terms/thread.js';

export type ConvTerms = typeof coreTerms & typeof threadTerms & typeof bulkTerms & typeof panelTerms & typeof pickerTerms;
