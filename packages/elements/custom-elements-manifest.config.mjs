// custom-elements.json from the elements' JSDoc contracts (@summary, @event, @csspart,
// @cssproperty, @slot and each property's comment), then from it the JSX (React 19), Vue and
// Svelte typings, and src/generated/parts.ts (what composites forward). The first step of
// `npm run build`, before tsc: it reads the TypeScript sources. The files in dist/ ship in the package.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { svelteEntry, vueNames } from './scripts/framework-typings.mjs';

/** Tag names as src/define/*.ts register them (`ConvInbox.define('conv-inbox')`), by class name. */
function tagsFromDefineModules() {
  const tags = new Map();
  for (const file of readdirSync('src/define')) {
    for (const [, className, tag] of readFileSync(`src/define/${file}`, 'utf8').matchAll(/(\w+)\.define\('([a-z-]+)'\)/g)) tags.set(className, tag);
  }
  return tags;
}

/** Marks each element class with the tag its define module gives it, and exports that definition. */
function defineModuleTags() {
  const tags = tagsFromDefineModules();
  return {
    name: 'convkit-define-module-tags',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (declaration.kind !== 'class' || !tag) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          // The analyzer also lists each `dispatchEvent(new ConvXEvent(...))` as a nameless event;
          // the @event tags name them all.
          declaration.events = (declaration.events ?? []).filter((event) => event.name);
          // An attribute documented with @attr (`theme`) names the declared field of its name.
          for (const attribute of declaration.attributes ?? []) {
            const field = (declaration.members ?? []).find((member) => member.name === attribute.name);
            if (attribute.fieldName || !field) continue;
            attribute.fieldName = field.name;
            field.attribute = attribute.name;
          }
          module.exports = [...(module.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'), { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: module.path } }];
        }
      }
    },
  };
}

/**
 * The elements a composite renders, by the part name it gives each. A composite forwards every
 * part of each child (`exportparts`) as `<child part>-<part>`, so a host styles the list's rows
 * inside an inbox with `conv-inbox::part(list-row)`. Children first: a composite forwards what
 * its children forward too.
 */
const COMPOSITES = {
  'conv-list': { 'filter-bar': 'conv-filter-bar', 'view-tabs': 'conv-view-tabs', 'bulk-bar': 'conv-bulk-bar', 'row-menu': 'conv-row-menu' },
  'conv-thread': { 'row-menu': 'conv-row-menu' },
  'conv-inbox': { 'connection-status': 'conv-connection-status', list: 'conv-list', thread: 'conv-thread', composer: 'conv-composer', 'contact-panel': 'contact-panel' },
};

/** The children in the bundle's first download (src/bundle.ts): their parts are in it too. */
const EAGER_CHILDREN = new Set(['conv-list', 'conv-filter-bar', 'conv-view-tabs']);

/**
 * Documents each composite's forwarded parts in the manifest (and so in the typings and docs),
 * and writes src/generated/parts.ts: each element's own parts and what each composite renders.
 */
function forwardedParts() {
  return {
    name: 'convkit-forwarded-parts',
    packageLinkPhase({ customElementsManifest }) {
      const byTag = new Map(customElementsManifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]));
      // Each element's own parts, before the forwarded ones are added below.
      const own = Object.fromEntries([...byTag].map(([tag, declaration]) => [tag, (declaration.cssParts ?? []).map((part) => part.name)]));
      for (const [composite, children] of Object.entries(COMPOSITES)) {
        const declaration = byTag.get(composite);
        for (const [childPart, childTag] of Object.entries(children)) {
          for (const part of byTag.get(childTag)?.cssParts ?? []) {
            declaration.cssParts = [...(declaration.cssParts ?? []), { name: `${childPart}-${part.name}`, description: `The \`${childPart}\` part's \`${part.name}\`: ${part.description ?? ''}`.trim() }];
          }
        }
      }
      const children = new Set(Object.values(COMPOSITES).flatMap((rendered) => Object.values(rendered)));
      // Space-separated, not arrays: a few hundred bytes less in the bundle's first download.
      // Only the elements a composite renders: no other element's parts are forwarded.
      const partsOf = (eager) =>
        JSON.stringify(Object.fromEntries(Object.entries(own).filter(([tag, parts]) => parts.length > 0 && children.has(tag) && EAGER_CHILDREN.has(tag) === eager).map(([tag, parts]) => [tag, parts.join(' ')])));
      const header = [
        "// Generated by custom-elements-manifest.config.mjs (the build's first step, before tsc) from the",
        "// elements' @csspart tags; not committed. internal/exportparts.ts turns it into `exportparts`.",
      ];
      mkdirSync('src/generated', { recursive: true });
      writeFileSync(
        'src/generated/parts.ts',
        [
          ...header,
          `export const OWN_PARTS: Readonly<Record<string, string>> = ${partsOf(true)};`,
          `export const COMPOSITES: Readonly<Record<string, Readonly<Record<string, string>>>> = ${JSON.stringify(COMPOSITES)};`,
          '',
        ].join('\n'),
      );
      // The parts of the children loaded on first use, in a chunk of their own: they grow as those
      // elements do, and the first download stays the same.
      writeFileSync('src/generated/lazy-parts.ts', [...header, `export const LAZY_PARTS: Readonly<Record<string, string>> = ${partsOf(false)};`, ''].join('\n'));
    },
  };
}

/**
 * The generators import a type once per element that uses it (`ConvMessageSentDetail` for the
 * composer and the inbox), which TypeScript refuses as a duplicate identifier: each name once.
 */
function dedupeTypeImports(files) {
  return {
    name: 'convkit-dedupe-type-imports',
    packageLinkPhase() {
      for (const file of files) {
        const text = readFileSync(file, 'utf8').replace(/import type \{([^}]*)\} from "\.\/index\.js";/, (_all, names) => {
          const unique = [...new Set(names.split(',').map((name) => name.trim()).filter(Boolean))];
          return `import type {\n  ${unique.join(',\n  ')},\n} from "./index.js";`;
        });
        writeFileSync(file, text);
      }
    },
  };
}

/** `import '@convkit/elements/react'`: the <conv-*> tags in React 19's TSX, props and typed events. */
function reactEntry() {
  return {
    name: 'convkit-react-entry',
    packageLinkPhase() {
      mkdirSync('dist', { recursive: true });
      writeFileSync(
        'dist/react.d.ts',
        "// Generated by custom-elements-manifest.config.mjs: React 19's JSX knows every <conv-*> tag.\nimport type { CustomElements } from './jsx.js';\n\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements extends CustomElements {}\n  }\n}\n",
      );
      // Modules to import for their types (vue.d.ts and svelte.d.ts declare their own); they do
      // nothing at run time.
      for (const entry of ['react', 'vue', 'svelte']) writeFileSync(`dist/${entry}.js`, 'export {};\n');
    },
  };
}

export default {
  globs: ['src/components/*/*.ts', 'src/base/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    defineModuleTags(),
    forwardedParts(),
    customElementJsxPlugin({ outdir: 'dist', fileName: 'jsx.d.ts', globalTypePath: './index.js', hideLogs: true }),
    customElementVuejsPlugin({ outdir: 'dist', fileName: 'vue.d.ts', globalTypePath: './index.js', hideLogs: true }),
    dedupeTypeImports(['dist/jsx.d.ts', 'dist/vue.d.ts']),
    vueNames('dist/vue.d.ts'),
    svelteEntry('dist/svelte.d.ts'),
    reactEntry(),
  ],
};
