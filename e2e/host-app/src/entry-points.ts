// Every entry point the packages export, imported as a host's TypeScript resolves it through the
// export maps: the test type-checks this file under `moduleResolution: node16` (an ESM package)
// and under `moduleResolution: bundler`. Each import is used through a type, so an entry that
// resolved to a file without typings (implicitly `any`) fails too; `noUncheckedSideEffectImports`
// makes the side-effect imports resolve. The node16 run also checks every declaration file it
// reaches (`skipLibCheck: false`, the stricter resolution); the bundler run checks resolution
// and this file only, which halves its time (the server's dependencies' typings are large).
import { ConvClient } from '@convkit/sdk';
import type { Role } from '@convkit/sdk/protocol';
import { dropConnection } from '@convkit/sdk/testing';
import { ConvInbox, registerTranslation, type ConvTranslation, type PartialTranslation } from '@convkit/elements';
import { ConvInbox as BundledInbox } from '@convkit/elements/bundle';
import '@convkit/elements/define/conv-inbox.js';
import '@convkit/elements/define/conv-list';
import '@convkit/elements/react';
import '@convkit/elements/vue';
import '@convkit/elements/svelte';
import { es } from '@convkit/elements/translations/es.js';
import type { JSX } from 'react';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';
import { createServer } from '@convkit/server';
import { startTestServer } from '@convkit/server/testing';

// A type query: under `module: node16` TypeScript refuses import attributes, which Node needs
// to import JSON (the Node check imports it with them).
type Manifest = typeof import('@convkit/elements/custom-elements.json');

export const client: ConvClient = new ConvClient({ url: 'http://127.0.0.1:8080' });
export const role: Role | undefined = undefined;
export const drop: (client: ConvClient) => void = dropConnection;
export const bundled: typeof ConvInbox = BundledInbox;
// Spanish is a complete translation; a host's own may give any part of one.
export const spanish: ConvTranslation = es;
export const french: PartialTranslation = { $code: 'fr', $name: 'Français', $dir: 'ltr', viewAll: 'Toutes', countAll: { one: '# conversation', other: '# conversations' } };
export const register: typeof registerTranslation = registerTranslation;
// docs/embedding.md: typed as a ConvTranslation, a translation that lacks terms is refused.
// @ts-expect-error -- most terms are missing
export const incomplete: ConvTranslation = { $code: 'fr', $name: 'Français', $dir: 'ltr', viewAll: 'Toutes' };
export const tagsOf = (manifest: Manifest): string[] => manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => ('tagName' in declaration ? String(declaration.tagName) : '')));
export const servers: [typeof createServer, typeof startTestServer] = [createServer, startTestServer];
// What the typings entries declare: each is an error if its entry brought no types.
export type InboxInReact = JSX.IntrinsicElements['conv-inbox'];
export type InboxInVue = GlobalComponents['conv-inbox'];
export type InboxInSvelte = SvelteHTMLElements['conv-inbox'];
