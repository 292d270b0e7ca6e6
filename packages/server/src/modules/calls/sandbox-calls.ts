// Click to call in sandbox mode: no provider, so the call's progress is made up here and applied
// through the same path a provider's reports take (call-entry.ts): the agent's phone rings, the
// contact answers, and a moment later the call ends answered, with a recording when outbound
// calls are recorded.
import { randomBytes } from 'node:crypto';
import type { CallProgress } from './call-entry.js';
import { sandboxRecordingWav } from './sandbox-recording.js';
import { DelayedTasks } from '../../channels/delayed-tasks.js';

/** How long the made-up call lasts (seconds). */
const SANDBOX_TALK_SECONDS = 42;

export class SandboxCalls {
  readonly #tasks = new DelayedTasks();
  readonly #apply: (workspaceId: string, messageId: string, progress: CallProgress) => Promise<unknown>;
  readonly #stepMs: number;

  /** `stepMs`: the pause between one step of a call and the next. */
  constructor(apply: (workspaceId: string, messageId: string, progress: CallProgress) => Promise<unknown>, stepMs: number) {
    this.#apply = apply;
    this.#stepMs = stepMs;
  }

  /** A sid in Twilio's shape for a sandbox call. */
  static newCallSid(): string {
    return `CA${randomBytes(16).toString('hex')}`;
  }

  start(workspaceId: string, messageId: string, callSid: string, record: boolean): void {
    this.#tasks.later(this.#stepMs, () => this.#apply(workspaceId, messageId, { callSid, outcome: 'in-progress' }));
    this.#tasks.later(this.#stepMs * 2, () =>
      this.#apply(workspaceId, messageId, {
        callSid,
        outcome: 'answered',
        durationSeconds: SANDBOX_TALK_SECONDS,
        ...(record ? { recording: { bytes: sandboxRecordingWav(), contentType: 'audio/wav', voicemail: false } } : {}),
      }),
    );
  }

  stop(): void {
    this.#tasks.stop();
  }

  async settled(): Promise<void> {
    await this.#tasks.settled();
  }
}
