// The emoji picker's data (emoji-picker-element-data: names, keywords and groups per language),
// served by the server beside the elements bundle, so the composer's picker works with no other
// host: GET /convkit/v1/emoji/<language>/data.json. Any origin may read it, as the bundle. The
// picker keeps it in the browser (IndexedDB) and asks again with the ETag, a 304 while unchanged.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sendFile } from './bundle-route.js';

export const EMOJI_DATA_PATH = '/convkit/v1/emoji/';
/** A day: the data changes only with an upgrade of the package, and the ETag says when. */
const DATA_CACHE = 'public, max-age=86400';
/** The package's language folders: `en`, `es`, `en-gb`, `zh-hant`. */
const LANGUAGE = /^[a-z]{2}(-[a-z]{2,4})?$/;
/** The package's data sets for a language, the one the picker is made for first. */
const SOURCES = ['emojibase', 'cldr'];

const noData = (language: string) => ({ error: { code: 'not_found', message: `No emoji data for the language "${language.slice(0, 20)}": the picker's languages are those of emoji-picker-element-data (en, es, fr, de and others).` } });

export function emojiDataRoutes(app: FastifyInstance): void {
  const dir = dirname(createRequire(import.meta.url).resolve('emoji-picker-element-data/package.json'));
  const route = { schema: { hide: true } as object, config: { rateLimit: false as const } };
  app.get<{ Params: { language: string } }>(`${EMOJI_DATA_PATH}:language/data.json`, route, (request, reply) => {
    const { language } = request.params;
    // Emojibase's data where the package has it (English, French, German…), else CLDR's (Spanish).
    const file = LANGUAGE.test(language) ? SOURCES.map((source) => join(dir, language, source, 'data.json')).find((path) => existsSync(path)) : undefined;
    if (!file) return reply.header('access-control-allow-origin', '*').status(404).send(noData(language));
    return sendFile(request, reply, file, DATA_CACHE, noData(language));
  });
}
