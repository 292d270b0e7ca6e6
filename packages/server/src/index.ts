export { createServer, type ConvkitServer } from './server.js';
export { configFromEnv, type ServerConfig } from './config.js';
export { app, type AppOptions } from './app.js';
export { openOrm, migrate, type Database, type Orm } from './db/orm.js';
export { mintToken, type TokenClaims } from './auth/tokens.js';
export { seedDemo } from './seed/demo.js';
export { createWorkspace, findWorkspaceBySlug } from './modules/workspaces/workspaces.service.js';
export { postSimulatedSms, buildSimulatedSms } from './channels/twilio/simulator.js';
export { workspaceRoom, type SocketServer } from './realtime/socket-server.js';
