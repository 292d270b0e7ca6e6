// More than one node: with REDIS_URL set, Socket.IO broadcasts through Redis pub/sub
// (@socket.io/redis-adapter, maintained by the Socket.IO team), so an event committed on one node
// reaches the sockets of every node. Pub/sub keeps nothing: a socket that missed a broadcast
// (its node restarted, Redis blinked) catches up from the event log with events.since, as after
// any reconnect, so Redis never holds anything the database does not.
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';

export interface RedisLink {
  /** True while both connections are up (GET /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** A health probe answers within this, Redis or not. */
const PING_TIMEOUT_MS = 1_000;

export async function useRedisAdapter(io: Server, url: string, log: (error: unknown) => void): Promise<RedisLink> {
  const options = { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 2 };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const client of [publisher, subscriber]) client.on('error', log);
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`REDIS_URL: cannot connect to Redis (${(error as Error).message})`);
  }
  // The adapter fires publishes and (un)subscribes without awaiting them: while Redis is away
  // each would reject unhandled and end the process. Logged instead; /health says Redis is down,
  // and sockets catch up from the event log once it is back.
  logRejections(publisher, ['publish'], log);
  logRejections(subscriber, ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'], log);
  io.adapter(createAdapter(publisher, subscriber));
  return {
    async ping() {
      if (subscriber.status !== 'ready') return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), PING_TIMEOUT_MS)));
      try {
        return (await Promise.race([publisher.ping(), timeout])) === 'PONG';
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      // quit() lets pending commands finish, but waits forever for a Redis that is gone.
      await Promise.allSettled([publisher, subscriber].map((client) => (client.status === 'ready' ? client.quit() : client.disconnect())));
    },
  };
}

function logRejections(client: Redis, methods: ('publish' | 'subscribe' | 'psubscribe' | 'unsubscribe' | 'punsubscribe')[], log: (error: unknown) => void): void {
  for (const method of methods) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    Object.defineProperty(client, method, {
      configurable: true,
      value: (...args: unknown[]) => original(...args).catch((error: unknown) => log(error)),
    });
  }
}
