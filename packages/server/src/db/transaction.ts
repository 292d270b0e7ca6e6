// Writes run in one transaction that also appends their events; the events are returned to be
// published only after the commit. A unique-key race (two deliveries of one webhook, two first
// messages from one new number) rolls back and runs again, where the loser then finds the
// winner's row and takes its duplicate path.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from './orm.js';

const ATTEMPTS = 3;

export interface WriteOutcome<T> {
  result: T;
  events: ServerEvent[];
}

export async function writeTransaction<T>(orm: Orm, work: (em: EntityManager, events: ServerEvent[]) => Promise<T>): Promise<WriteOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const events: ServerEvent[] = [];
    const em = orm.em.fork() as unknown as EntityManager;
    try {
      const result = await em.transactional(async (tx) => work(tx as EntityManager, events));
      return { result, events };
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
