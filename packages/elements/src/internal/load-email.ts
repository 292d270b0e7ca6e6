import { lazyModule } from './lazy-module.js';

/** Sanitizes an email's HTML for its frame: needed only when a thread shows an email with HTML. */
export const emailDocuments = lazyModule(() => import('./email-document.js'));
