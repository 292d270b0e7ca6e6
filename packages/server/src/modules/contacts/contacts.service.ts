import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import { notFound } from '../../errors.js';
import { toContactDto } from '../dto.js';
import type { CommandContext } from '../../commands/context.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { ContactSchema, type Contact } from './contact.entity.js';

export async function getContact(ctx: CommandContext, params: CommandParams<'contacts.get'>): Promise<CommandResult<'contacts.get'>> {
  const contact = (await ctx.em.findOne(ContactSchema, { id: params.id, workspace: ctx.actor.workspaceId })) as Contact | null;
  if (!contact) throw notFound('contact');
  return toContactDto(contact);
}

/** The phone number is the contact's key: a message from an unknown number creates a contact. */
export function newContact(em: EntityManager, workspaceId: string, phone: string): Contact {
  return em.create(ContactSchema, {
    id: newId(),
    workspace: em.getReference(WorkspaceSchema, workspaceId),
    firstName: '',
    lastName: '',
    phone,
    email: null,
    group: null,
    tags: [],
    externalId: null,
    createdAt: Date.now(),
  }) as Contact;
}
