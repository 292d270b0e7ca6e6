// The demo exactly as `npm start` serves it (demo routes, seeded workspace, sandbox channels),
// on a fresh SQLite file and an ephemeral port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, createServer, type ConvkitServer } from '@convkit/server';

export interface DemoServer {
  server: ConvkitServer;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** `twilioApiUrl`: a loopback standing in for Twilio's API, for the page's Twilio settings. */
export async function startDemoServer(options: { twilioApiUrl?: string } = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convkit-e2e-'));
  const config = configFromEnv({ CONVKIT_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0, demo: true, logLevel: 'silent', ...(options.twilioApiUrl ? { twilioApiUrl: options.twilioApiUrl } : {}) });
  const server = await createServer(config, { seedDemo: true, logger: false });
  return {
    server,
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
