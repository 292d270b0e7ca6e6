// Each entry point as plain Node resolves it from the installed app, printed as one JSON line
// for the test: the ones meant to run in Node (the SDK, the server, the manifest) imported,
// with their export names; the elements' entries, which need a DOM, only resolved to a file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const imported = {};
for (const specifier of ['@convkit/sdk', '@convkit/sdk/protocol', '@convkit/sdk/testing', '@convkit/server', '@convkit/server/testing']) {
  imported[specifier] = Object.keys(await import(specifier)).sort();
}
const { default: manifest } = await import('@convkit/elements/custom-elements.json', { with: { type: 'json' } });
imported['@convkit/elements/custom-elements.json'] = Object.keys(manifest).sort();

const resolved = {};
for (const specifier of ['@convkit/elements', '@convkit/elements/bundle', '@convkit/elements/define/conv-inbox.js', '@convkit/elements/define/conv-inbox', '@convkit/elements/react', '@convkit/elements/vue', '@convkit/elements/svelte', '@convkit/elements/translations/es.js']) {
  const file = fileURLToPath(import.meta.resolve(specifier));
  resolved[specifier] = existsSync(file) ? file : `missing: ${file}`;
}
console.log(JSON.stringify({ imported, resolved }));
