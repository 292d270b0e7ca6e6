import { lazyModule } from './lazy-module.js';

/** The assignee and label pickers: the filter bar fetches them when the user reaches for a filter. */
export const pickerModule = lazyModule(() => import('./picker.js'));
