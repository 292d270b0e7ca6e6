// Saved replies (snippets): the workspace's agents read them (the composer's "/" list), admins
// write them. A shortcut is unique in its workspace: the database's unique index decides between
// two saves racing for one, and the loser is told which snippet has it.
import type { CommandParams, CommandResult, Snippet } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandContext } from '../../commands/context.js';
import { newId } from '../../db/columns.js';
import { sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import { storableLine, storableText } from '../../text/storable.js';
import { retryReason } from '../../db/transaction.js';

interface SnippetRow {
  id: string;
  title: string;
  shortcut: string | null;
  body: string;
  updated_at: unknown;
}

const toSnippet = (row: SnippetRow): Snippet => ({ id: row.id, title: row.title, shortcut: row.shortcut, body: row.body, updatedAt: new Date(Number(row.updated_at)).toISOString() });

function requireAdmin(ctx: CommandContext): void {
  if (ctx.actor.role !== 'admin') throw new AppError('forbidden', 'Only admins manage saved replies.');
}

async function byId(em: EntityManager, workspaceId: string, id: string): Promise<SnippetRow | undefined> {
  return (await sqlAll<SnippetRow>(em, 'select id, title, shortcut, body, updated_at from snippets where id = ? and workspace_id = ?', [id, workspaceId]))[0];
}

export async function listSnippets(ctx: CommandContext): Promise<CommandResult<'snippets.list'>> {
  const rows = await sqlAll<SnippetRow>(ctx.em, 'select id, title, shortcut, body, updated_at from snippets where workspace_id = ? order by lower(title), id', [ctx.actor.workspaceId]);
  return { items: rows.map(toSnippet) };
}

export async function saveSnippet(ctx: CommandContext, params: CommandParams<'snippets.save'>): Promise<CommandResult<'snippets.save'>> {
  requireAdmin(ctx);
  const title = storableLine(params.title).trim();
  const body = storableText(params.body).trim();
  if (!title) throw new AppError('invalid_params', 'title: a saved reply needs a title.', { path: 'title' });
  if (!body) throw new AppError('invalid_params', 'body: a saved reply needs its text.', { path: 'body' });
  const shortcut = params.shortcut ?? null;
  const workspaceId = ctx.actor.workspaceId;
  const now = Date.now();
  const id = params.id ?? newId();
  try {
    if (params.id) {
      // A shortcut left out keeps the one it has; null removes it.
      const keep = params.shortcut === undefined;
      const rows = await sqlAll(
        ctx.em,
        `update snippets set title = ?, ${keep ? '' : 'shortcut = ?, '}body = ?, updated_at = ? where id = ? and workspace_id = ? returning id`,
        keep ? [title, body, now, id, workspaceId] : [title, shortcut, body, now, id, workspaceId],
      );
      if (rows.length === 0) throw new AppError('not_found', 'No saved reply with this id in your workspace.', { path: 'id' });
    } else {
      await sqlAll(ctx.em, 'insert into snippets (id, workspace_id, title, shortcut, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)', [id, workspaceId, title, shortcut, body, now, now]);
    }
  } catch (error) {
    if (retryReason(error) !== 'unique' || shortcut === null) throw error;
    const [holder] = await sqlAll<{ title: string }>(ctx.em, 'select title from snippets where workspace_id = ? and shortcut = ?', [workspaceId, shortcut]);
    throw new AppError('conflict', `The shortcut /${shortcut} is taken by "${holder?.title ?? 'another saved reply'}": pick another.`, { path: 'shortcut' });
  }
  return toSnippet((await byId(ctx.em, workspaceId, id))!);
}

export async function deleteSnippet(ctx: CommandContext, params: CommandParams<'snippets.delete'>): Promise<CommandResult<'snippets.delete'>> {
  requireAdmin(ctx);
  const rows = await sqlAll(ctx.em, 'delete from snippets where id = ? and workspace_id = ? returning id', [params.id, ctx.actor.workspaceId]);
  if (rows.length === 0) throw new AppError('not_found', 'No saved reply with this id in your workspace.', { path: 'id' });
  return { id: params.id };
}
