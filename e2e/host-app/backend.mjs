// The host's Convkit server, from the installed @convkit/server: the demo workspace seeded into a
// fresh SQLite file, a token minted for one agent. Prints { url, token } as one JSON line.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, createServer, findWorkspaceBySlug, mintToken } from '@convkit/server';

const dataDir = mkdtempSync(join(tmpdir(), 'convkit-host-backend-'));
const server = await createServer(configFromEnv({ CONVKIT_DATA_DIR: dataDir }, { host: '127.0.0.1', port: 0, logLevel: 'silent' }), { seedDemo: true, logger: false });
const workspace = await findWorkspaceBySlug(server.orm, 'demo');
const token = await mintToken(workspace.signingSecret, { wsp: 'demo', sub: 'agent-1', name: 'Alex Rivera' }, 3600);
console.log(JSON.stringify({ url: server.url, token }));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
