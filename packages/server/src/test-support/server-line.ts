// Runs a documented shell line that starts the server (`… npx convkit start …`) as a user would
// type it, and finds the URL it announces.
import { spawn } from 'node:child_process';

const START_TIMEOUT_MS = 60_000;

export interface RunningLine {
  url: string;
  /** Ends the shell, npx and the server: the line's whole process group. */
  stop(): Promise<void>;
}

export async function startServerLine(line: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunningLine> {
  const child = spawn('sh', ['-c', line], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /Convkit is running at (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
