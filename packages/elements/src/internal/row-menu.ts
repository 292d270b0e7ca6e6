import type { ConvRowMenu } from '../components/conv-row-menu/conv-row-menu.js';
import { defineLazily } from './lazy-elements.js';

/** Opens the `<conv-row-menu>` in `root` for a conversation, downloading the menu first if needed. */
export async function showRowMenu(root: ParentNode, conversationId: string, anchor: Element): Promise<void> {
  await defineLazily('conv-row-menu');
  await root.querySelector<ConvRowMenu>('conv-row-menu')?.show(conversationId, anchor);
}
