import type { EntitySchema } from '@mikro-orm/sql';
import { WorkspaceSchema } from '../modules/workspaces/workspace.entity.js';
import { UserSchema } from '../modules/users/user.entity.js';
import { ContactSchema } from '../modules/contacts/contact.entity.js';
import { ConversationSchema } from '../modules/conversations/conversation.entity.js';
import { ReadStateSchema } from '../modules/conversations/read-state.entity.js';
import { MessageSchema } from '../modules/messages/message.entity.js';
import { EventSchema } from '../modules/events/event.entity.js';
import { ConversationLabelSchema, LabelSchema } from '../modules/labels/label.entity.js';
import { TwilioAccountSchema } from '../channels/twilio/twilio-account.entity.js';
import { ConsentEventSchema } from '../modules/consent/consent.entity.js';
import { AttachmentSchema } from '../modules/attachments/attachment.entity.js';

/**
 * Every entity, passed to MikroORM explicitly (no discovery of sources at run time). Typed loosely:
 * the list's inferred type, every schema's in full, is past what tsc writes into a declaration.
 */
export const entities: EntitySchema<any, any>[] = [WorkspaceSchema, UserSchema, ContactSchema, ConversationSchema, ReadStateSchema, MessageSchema, EventSchema, LabelSchema, ConversationLabelSchema, TwilioAccountSchema, ConsentEventSchema, AttachmentSchema];
