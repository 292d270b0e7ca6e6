// Merge tags in what an agent sends ({{contact.first_name | "there"}}): rendered by the protocol's
// renderer (the one the composer previews with) from the contact, their conversation's assignee
// and the workspace's custom values, before anything is stored or sent.
import type { EntityManager } from '@mikro-orm/sql';
import { hasMergeTags, mergeTagErrorMessage, renderMergeTags, type MergeContext } from '@convkit/sdk/protocol';
import { sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import type { Contact } from '../contacts/contact.entity.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { textsOf } from '../dto.js';

/** What the tags of a message in `conversation` read. */
export async function mergeContextOf(em: EntityManager, workspaceId: string, conversation: Conversation): Promise<MergeContext> {
  const contact = conversation.contact as unknown as Contact;
  const assigneeId = (conversation.assignee as unknown as { id: string } | null)?.id ?? null;
  const [owner] = assigneeId ? await sqlAll<{ name: string }>(em, 'select name from users where id = ?', [assigneeId]) : [];
  const [workspace] = await sqlAll<{ custom_values: unknown }>(em, 'select custom_values from workspaces where id = ?', [workspaceId]);
  return {
    contact: { firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone ?? null, email: contact.email ?? null, custom: textsOf(contact.custom), owner: owner ? { name: owner.name } : null },
    customValues: textsOf(workspace?.custom_values),
  };
}

/** `body` with its tags rendered for `conversation`'s contact; an unknown or malformed tag is invalid_params. */
export async function renderForContact(em: EntityManager, workspaceId: string, conversation: Conversation, body: string): Promise<string> {
  if (!hasMergeTags(body)) return body;
  const rendered = renderMergeTags(body, await mergeContextOf(em, workspaceId, conversation));
  if ('error' in rendered) throw new AppError('invalid_params', `body: ${mergeTagErrorMessage(rendered.error)}`, { path: 'body', tag: rendered.error.tag });
  return rendered.text.trim();
}
