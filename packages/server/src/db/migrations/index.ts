import { Migration20261123Initial } from './Migration20261123Initial.js';

/** Every migration in order. Listed explicitly: nothing is discovered at run time. */
export const migrationsList = [{ name: 'Migration20261123Initial', class: Migration20261123Initial }];
