import { lazyModule } from './lazy-module.js';

/** The composer's emoji picker: downloaded the first time an agent opens it. */
export const emojiPicker = lazyModule(() => import('./emoji-picker.js'));
