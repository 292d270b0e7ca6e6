import { lazyModule } from './lazy-module.js';

/** Marks search hits in rows: needed only once a search has results, so not on the first screen. */
export const highlighter = lazyModule(() => import('./highlight.js'));
