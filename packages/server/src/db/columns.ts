// Shared column shapes. Times are epoch milliseconds in a bigint column: one representation on
// SQLite and PostgreSQL, cheap to compare in keyset pagination, no time-zone surprises.
import { p } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/** Public ids are random UUIDv7 (time-ordered for index locality, never guessable as a sequence). */
export const newId = (): string => uuidv7();

export const idColumn = () => p.string().length(36).primary().onCreate(() => newId());
export const epochMs = () => p.bigint('number');
export const createdAt = () => p.bigint('number').onCreate(() => Date.now());
