import type { Sql } from '../../db/sql.js';

/** Label ids per conversation, for DTOs (every conversation present, possibly with []). */
export async function labelIdsFor(sql: Sql, conversationIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map(conversationIds.map((id) => [id, [] as string[]]));
  if (conversationIds.length === 0) return result;
  const rows = await sql.all<{ conversation_id: string; label_id: string }>(`select conversation_id, label_id from conversation_labels where conversation_id in (${conversationIds.map(() => '?').join(', ')}) order by label_id`,
    conversationIds,
  );
  for (const row of rows) result.get(row.conversation_id)?.push(row.label_id);
  return result;
}
