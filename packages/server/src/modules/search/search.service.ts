// Placeholder with the search module's interface, replaced by the search implementation.
import type { EntityManager } from '@mikro-orm/sql';
import type { SearchMatch } from '@convkit/sdk/protocol';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export function searchCondition(_platform: 'sqlite' | 'postgres', _workspaceId: string, _query: string): SqlFragment | null {
  return null;
}

export async function searchMatches(_em: EntityManager, _platform: 'sqlite' | 'postgres', _workspaceId: string, _conversationIds: string[], _query: string): Promise<Map<string, SearchMatch>> {
  return new Map();
}
