export * from './constants.js';
export * from './models.js';
export * from './consent.js';
export * from './commands.js';
export * from './events.js';
export * from './errors.js';
export * from './views.js';
export * from './error-schema.js';
