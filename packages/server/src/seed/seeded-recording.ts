// A call entry's recording for seeded threads (the demo, Storybook's showcase): the sandbox's
// made-up audio, stored with the entry as a real recording is, so the thread's player plays it.
import type { EntityManager } from '@mikro-orm/sql';
import type { Message } from '../modules/messages/message.entity.js';
import { insertStoredFile } from '../modules/attachments/stored-file.js';
import { sandboxRecordingWav } from '../modules/calls/sandbox-recording.js';

export async function addSeededRecording(em: EntityManager, workspaceId: string, message: Message, name: string): Promise<void> {
  const stored = await insertStoredFile(em, { workspaceId, messageId: message.id, position: 0, name, contentType: 'audio/wav', bytes: sandboxRecordingWav() });
  message.meta = { ...message.meta, attachments: [stored] };
}
