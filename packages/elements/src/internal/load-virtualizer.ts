import { lazyModule } from './lazy-module.js';

/**
 * Rows a list renders as they are while the virtualizer downloads: more than a screen holds,
 * so the first screen is complete and usable without it.
 */
export const ROWS_BEFORE_VIRTUALIZER = 30;

/** @lit-labs/virtualizer, a tenth of the bundle, which the list's first screen can do without. */
export const virtualizer = lazyModule(() => import('./virtualizer.js'));
