// An email's HTML body. It is kept as it came, apart from its message (message_html), so that a
// thread's page never reads it; the message carries a summary (meta.html: its size) so clients
// know there is one. messages.html hands it to a signed-in agent of the message's workspace; the
// element sanitizes it and shows it in a sandboxed frame, and falls back to the message's text.
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import { storableText } from '../../text/storable.js';
import type { Message } from './message.entity.js';

/**
 * Stores `html` as `message`'s HTML body, in the caller's transaction. The message is written
 * first (the body refers to it). Characters a database refuses (U+0000, lone surrogates) become
 * U+FFFD, as in any stored text; nothing else is changed or cut.
 */
export async function keepEmailHtml(em: EntityManager, message: Message, html: string): Promise<void> {
  const text = storableText(html);
  message.meta = { ...message.meta, html: { bytes: Buffer.byteLength(text) } };
  await em.flush();
  await sqlAll(em, 'insert into message_html (message_id, html) values (?, ?)', [message.id, text]);
}

/** messages.html: the HTML body of an email in the caller's workspace. */
export async function messageHtml(ctx: CommandContext, params: CommandParams<'messages.html'>): Promise<CommandResult<'messages.html'>> {
  const [row] = await sqlAll<{ html: string }>(ctx.em, 'select h.html from message_html h join messages m on m.id = h.message_id where m.id = ? and m.workspace_id = ?', [params.id, ctx.actor.workspaceId]);
  if (!row) throw new AppError('not_found', 'No email with an HTML body has this id in this workspace.');
  return { html: row.html };
}
