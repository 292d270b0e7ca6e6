// Collision detection, as in Front and Chatwoot: which agents' sockets show a conversation and
// whether they are typing a reply in it. Ephemeral, kept on each socket (socket.data.presence)
// and told to the workspace's other sockets as it changes, through the Redis adapter when there
// is more than one node; never in the database or the event log. A socket that goes is gone.
import type { Presence } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';
import { notFound } from '../errors.js';
import { validateParams } from '../commands/validate.js';

export interface PresenceState {
  conversationId: string | null;
  typing: boolean;
}

/** What presence needs of a socket (Socket.IO's, or the one fetchSockets answers from another node). */
interface PresenceSocket {
  id: string;
  data: { auth: { actor: { workspaceId: string; userId: string; userName: string } }; presence?: PresenceState };
}

interface PresenceIo {
  in(room: string): { fetchSockets(): Promise<PresenceSocket[]> };
  to(room: string): { emit(event: 'presence', presence: Presence): boolean };
}

export function presenceOf(socket: PresenceSocket, state: PresenceState): Presence {
  const { actor } = socket.data.auth;
  return { viewerId: socket.id, userId: actor.userId, name: actor.userName, conversationId: state.conversationId, typing: state.typing };
}

/**
 * presence.set: this socket now shows `conversationId` (typing or not); the workspace's other
 * sockets are told, and the answer says who else is in that conversation.
 */
export async function setPresence(io: PresenceIo, socket: PresenceSocket & { to(room: string): { emit(event: 'presence', presence: Presence): boolean } }, orm: Orm, room: string, params: unknown): Promise<{ others: Presence[] }> {
  validateParams('presence.set', params);
  const { conversationId, typing = false } = params as { conversationId: string | null; typing?: boolean };
  const { workspaceId } = socket.data.auth.actor;
  if (conversationId) {
    const em = orm.em.fork() as unknown as EntityManager;
    const [found] = await sqlAll(em, 'select id from conversations where id = ? and workspace_id = ?', [conversationId, workspaceId]);
    if (!found) throw notFound('conversation');
  }
  const before = socket.data.presence;
  const state: PresenceState = { conversationId, typing: Boolean(conversationId) && typing };
  socket.data.presence = state;
  if (before?.conversationId !== state.conversationId || before?.typing !== state.typing) socket.to(room).emit('presence', presenceOf(socket, state));
  if (!conversationId) return { others: [] };
  const sockets = await io.in(room).fetchSockets();
  return { others: sockets.filter((s) => s.id !== socket.id && s.data.presence?.conversationId === conversationId).map((s) => presenceOf(s, s.data.presence!)) };
}

/** A socket that goes leaves whatever it showed. */
export function leavePresence(io: PresenceIo, socket: PresenceSocket, room: string): void {
  if (!socket.data.presence?.conversationId) return;
  io.to(room).emit('presence', presenceOf(socket, { conversationId: null, typing: false }));
  socket.data.presence = { conversationId: null, typing: false };
}
