// View counts pushed to the sockets that asked for them, so no client asks again after a change.
// A socket that ran `conversations.counts` watches that filter (its list's, and the unfiltered
// one for the unread badge). After events in a workspace, this node recounts each watching
// socket's filters from its count index (count-index.ts: memory, about what a first page costs)
// and sends `counts` to the sockets whose numbers moved. Changes are coalesced: one round per
// workspace per PUSH_DELAY_MS, however many events arrive.
//
// With more than one node, a node hears of another's writes through the Socket.IO adapter
// (serverSideEmit); its index then reads the events from the log as it does for any count.
import type { ConversationFilter, ViewCounts } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { countableFromMemory, countIndexFor } from '../modules/conversations/count-index.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';

/** How long changes are gathered before counts are pushed. */
export const PUSH_DELAY_MS = 250;
/** Filters one socket watches at most: its lists' (a host may show several sections), the badge's, and some it switched through. */
export const WATCHED_PER_SOCKET = 16;

/** What CountPush needs of a socket: who it is, and a way to send it counts. */
export interface CountWatcher {
  readonly id: string;
  workspaceId(): string;
  userId(): string;
  send(filter: ConversationFilter, counts: ViewCounts): void;
}

interface Watch {
  filter: ConversationFilter;
  /** The counts this socket last had for the filter (answered or pushed): only changes are sent. */
  last: string;
}

export class CountPush {
  readonly #orm: Orm;
  readonly #log: (error: unknown) => void;
  /** Per workspace, its watching sockets and what each watches. */
  readonly #watchers = new Map<string, Map<CountWatcher, Watch[]>>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(orm: Orm, log: (error: unknown) => void) {
    this.#orm = orm;
    this.#log = log;
  }

  /**
   * A socket was answered `counts` for `filter`: from now on it is told when they change. A
   * change committed while those counts were being worked out may be missing from them, and may
   * have found nobody watching: one round soon after checks.
   */
  watch(watcher: CountWatcher, filter: ConversationFilter, counts: ViewCounts): void {
    if (this.#stopped || !countableFromMemory(filter)) return;
    const workspaceId = watcher.workspaceId();
    let sockets = this.#watchers.get(workspaceId);
    if (!sockets) this.#watchers.set(workspaceId, (sockets = new Map()));
    const key = JSON.stringify(filter);
    const watches = (sockets.get(watcher) ?? []).filter((w) => JSON.stringify(w.filter) !== key);
    watches.push({ filter, last: JSON.stringify(counts) });
    sockets.set(watcher, watches.slice(-WATCHED_PER_SOCKET));
    this.changed(workspaceId);
  }

  forget(watcher: CountWatcher): void {
    for (const [workspaceId, sockets] of this.#watchers) {
      sockets.delete(watcher);
      if (sockets.size === 0) this.#watchers.delete(workspaceId);
    }
  }

  /** Something in the workspace changed (here or on another node). */
  changed(workspaceId: string): void {
    if (this.#stopped || !this.#watchers.has(workspaceId) || this.#timers.has(workspaceId)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(workspaceId);
      this.#push(workspaceId).catch(this.#log);
    }, PUSH_DELAY_MS);
    timer.unref();
    this.#timers.set(workspaceId, timer);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#watchers.clear();
  }

  async #push(workspaceId: string): Promise<void> {
    const sockets = this.#watchers.get(workspaceId);
    if (!sockets || this.#stopped) return;
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const workspace = (await em.findOne(WorkspaceSchema, { id: workspaceId })) as Workspace | null;
    if (!workspace) return;
    // The log is read once for the round; every socket's filters are then counted in memory.
    const count = await countIndexFor(this.#orm).counter(workspaceId, new Set([...sockets.keys()].map((watcher) => watcher.userId())));
    const now = Date.now();
    for (const [watcher, watches] of sockets) {
      for (const watch of watches) {
        if (this.#stopped) return;
        const counts = count({ workspaceId, userId: watcher.userId(), recentDays: workspace.recentDays, now }, watch.filter);
        const seen = JSON.stringify(counts);
        if (seen === watch.last) continue;
        watch.last = seen;
        watcher.send(watch.filter, counts);
      }
    }
  }
}
