// Test-side clients: REST through fetch and a raw Socket.IO client, as a host backend or a
// browser would talk to the server (the SDK has its own suite).
import { io, type Socket } from 'socket.io-client';
import type { Result, ServerEvent, Session } from '@convkit/sdk/protocol';

export interface RestResponse<T = any> {
  status: number;
  body: T;
}

export function restClient(baseUrl: string, token?: string) {
  return async function rest<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResponse<T>> {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (TwiML)
    }
    return { status: response.status, body: parsed as T };
  };
}

export interface TestSocket {
  socket: Socket;
  session: Session;
  events: ServerEvent[];
  request<T = any>(name: string, params?: unknown): Promise<Result<T>>;
  waitForEvent(predicate: (event: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  close(): void;
}

/** Connects and resolves after the session arrives; rejects with the server's refusal. */
export function connectSocket(baseUrl: string, token: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    const events: ServerEvent[] = [];
    const waiters = new Set<() => void>();
    socket.on('event', (event: ServerEvent) => {
      events.push(event);
      for (const wake of [...waiters]) wake();
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(new Error(error.message), { data: error.data }));
    });
    socket.once('session', (session: Session) => {
      resolve({
        socket,
        session,
        events,
        request: (name, params) => socket.timeout(10_000).emitWithAck(name, params),
        waitForEvent(predicate, timeoutMs = 5_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = events.find(predicate);
              if (!found) return false;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          });
        },
        close: () => socket.close(),
      });
    });
  });
}
