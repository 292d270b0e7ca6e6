// An inbound email with an HTML body in a conversation of its own, through the thread writer and
// the store an email channel uses (keepEmailHtml): for the thread's tests of hostile HTML.
import { newId } from '../db/columns.js';
import type { Orm } from '../db/orm.js';
import { writeTransaction } from '../db/transaction.js';
import { ContactSchema, type Contact } from '../modules/contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from '../modules/conversations/conversation.entity.js';
import { WorkspaceSchema } from '../modules/workspaces/workspace.entity.js';
import { appendToThread } from '../modules/messages/thread-writer.js';
import { keepEmailHtml } from '../modules/messages/email-html.js';

export interface GenerateEmailOptions {
  /** The new contact's phone, which tells its conversation apart in tests. */
  phone: string;
  email: string;
  subject: string;
  /** The email's text part. */
  text: string;
  html: string;
}

/** Returns the conversation's id. */
export async function generateEmail(orm: Orm, workspaceId: string, options: GenerateEmailOptions): Promise<string> {
  const now = Date.now();
  const { result } = await writeTransaction(orm, workspaceId, async (tx, events) => {
    const workspace = tx.getReference(WorkspaceSchema, workspaceId);
    const contact = tx.create(ContactSchema, { id: newId(), workspace, firstName: 'Email', lastName: options.phone, phone: options.phone, email: options.email, group: 'client', tags: [], externalId: null, createdAt: now }) as Contact;
    const conversation = tx.create(ConversationSchema, { id: newId(), workspace, contact, status: 'open', lastActivityAt: now, lastSeq: 0, lastInboundSeq: 0, version: 0, createdAt: now }) as Conversation;
    const message = appendToThread(tx, events, conversation, {
      kind: 'message',
      channel: 'email',
      direction: 'inbound',
      authorType: 'contact',
      authorId: contact.id,
      authorName: `Email ${options.phone}`,
      body: options.text,
      subject: options.subject,
      status: 'received',
    });
    await keepEmailHtml(tx, message, options.html);
    return conversation.id;
  });
  return result;
}
