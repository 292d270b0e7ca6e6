import { createContext } from '@lit/context';
import type { ConvClient } from '@convkit/sdk';

/**
 * The ConvClient an element talks through, provided by `<conv-provider>` or `<conv-inbox>`.
 * The key is a global symbol so that two copies of the elements on one page still meet.
 */
export const clientContext = createContext<ConvClient | undefined>(Symbol.for('convkit.client'));
