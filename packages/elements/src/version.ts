/** The version `define()` compares when a tag is already registered. Keep in step with package.json. */
export const VERSION = '0.1.0';
