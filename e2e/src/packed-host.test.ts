// A host app outside the workspace, built from the packed packages as a host developer would:
// the three packages packed into tarballs, installed with npm into a fresh app (e2e/host-app,
// copied to a temporary folder), its front-end bundled with esbuild and with Vite, its Convkit server started
// from the installed @convkit/server, and both pages run in Chromium. The docs' React, Vue and
// Svelte recipes run there too, and the typings are checked as hosts use them: TSX with tsc, Vue with
// vue-tsc, Svelte with svelte-check, and every entry point under node16 and bundler resolution
// and in plain Node.
//
// pnpm packs, not npm: the packages depend on each other as `workspace:*`, which only pnpm's
// pack rewrites to the version; the tarballs are the ones `pnpm publish` would upload.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { serveStatic } from './static-server.js';
import { blocks } from './doc-blocks.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = ['sdk', 'elements', 'server'];
const localPnpm = join(root, '.tools', 'pnpm', 'node_modules', '.bin', 'pnpm');

/**
 * A host that imports only the classes and registers the inbox under its own tag, as
 * docs/embedding.md shows it, then gives it a client: the inbox defines its parts itself.
 */
function classesOnlyApp(): string {
  const snippet = blocks('docs/embedding.md', '## With ES modules and a bundler', 'js').find((block) => block.includes("customElements.define('acme-inbox'"));
  assert.ok(snippet, 'docs/embedding.md registers a class under a host tag');
  return `${snippet}\nimport { ConvClient } from '@convkit/sdk';\nconst params = new URLSearchParams(location.search);\ndocument.querySelector('acme-inbox').client = new ConvClient({ url: params.get('server'), tokenProvider: async () => params.get('token') });\n`;
}

/** The one `lang` code block under `heading` in docs/embedding.md, as written. */
function recipe(heading: string, lang: string): string {
  const found = blocks('docs/embedding.md', heading, lang);
  assert.equal(found.length, 1, `docs/embedding.md shows one ${lang} block under "${heading}"`);
  return found[0]!;
}

/** The React recipe of docs/embedding.md, as written. */
function reactRecipe(): string {
  const [block] = blocks('docs/embedding.md', '## In React', 'jsx');
  assert.ok(block, 'docs/embedding.md shows a jsx block under "In React"');
  return block;
}

describe('a host app built from the packed packages', () => {
  let dir: string;
  let app: string;
  let backend: ChildProcess;
  let server: { url: string; token: string };
  let host: { url: string; close(): Promise<void> };
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convkit-host-app-'));
    for (const name of PACKAGES) {
      execFileSync(existsSync(localPnpm) ? localPnpm : 'pnpm', ['pack', '--pack-destination', dir], { cwd: join(root, 'packages', name), stdio: 'pipe' });
    }
    const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
    assert.equal(tarballs.length, 3, tarballs.join(', '));

    app = join(dir, 'acme-crm');
    cpSync(join(root, 'e2e', 'host-app'), app, { recursive: true });
    const dependency = (name: string) => `file:../${tarballs.find((file) => file.startsWith(`convkit-${name}-`))}`;
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'acme-crm', private: true, type: 'module', dependencies: { '@convkit/sdk': dependency('sdk'), '@convkit/elements': dependency('elements'), '@convkit/server': dependency('server'), esbuild: '0.28.2', vite: '8.3.8', react: '19.2.9', 'react-dom': '19.2.9', typescript: '5.9.3', '@types/react': '19.3.3', '@types/node': '24.19.2', vue: '3.5.45', 'vue-tsc': '3.3.14', '@vitejs/plugin-vue': '6.0.11', svelte: '5.57.3', 'svelte-check': '4.7.8', '@sveltejs/vite-plugin-svelte': '7.3.1' } }, null, 2),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'pipe', timeout: 240_000 });
    const esbuild = (...args: string[]) => execFileSync(join(app, 'node_modules', '.bin', 'esbuild'), args, { cwd: app, stdio: 'pipe' });
    writeFileSync(join(app, 'src', 'classes-only.js'), classesOnlyApp());
    esbuild('src/app.js', 'src/classes-only.js', '--bundle', '--format=esm', '--splitting', '--minify', '--outdir=public/app');
    // React's development build, where StrictMode mounts every effect twice.
    writeFileSync(join(app, 'src', 'inbox.jsx'), reactRecipe());
    esbuild('src/react-app.jsx', '--bundle', '--format=esm', '--jsx=automatic', '--define:process.env.NODE_ENV="development"', '--outdir=public/app');
    // The same page and front-end built by Vite, served under /vite/: Vite starts from an index.html.
    mkdirSync(join(app, 'vite'));
    writeFileSync(join(app, 'vite', 'index.html'), readFileSync(join(app, 'public', 'index.html'), 'utf8').replace('/app/app.js', '../src/app.js'));
    execFileSync(process.execPath, [join(app, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'vite', '--base', '/vite/', '--outDir', '../public/vite', '--emptyOutDir', '--logLevel', 'error'], { cwd: app, stdio: 'pipe' });
    // The Vue and Svelte recipes as docs/embedding.md shows them (for Vue, its vite.config.js with
    // isCustomElement too), each built by Vite from its folder, in the frameworks' development
    // builds, which warn about what they cannot resolve.
    writeFileSync(join(app, 'src', 'Inbox.vue'), recipe('## In Vue', 'vue'));
    writeFileSync(join(app, 'vue', 'vite.config.js'), recipe('## In Vue', 'js'));
    writeFileSync(join(app, 'src', 'inbox.svelte'), recipe('## In Svelte', 'svelte'));
    for (const framework of ['vue', 'svelte']) {
      execFileSync(process.execPath, [join(app, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', framework, '--base', `/${framework}/`, '--outDir', `../public/${framework}`, '--emptyOutDir', '--logLevel', 'error'], { cwd: app, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'development' } });
    }
    // The one-tag way on the host's own origin: the installed bundle's folder, copied as it is.
    cpSync(dirname(createRequire(join(app, 'package.json')).resolve('@convkit/elements/bundle')), join(app, 'public', 'convkit'), { recursive: true });

    backend = spawn(process.execPath, ['backend.mjs'], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = await createInterface({ input: backend.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
    server = JSON.parse(line!) as { url: string; token: string };
    host = await serveStatic(join(app, 'public'));
    browser = await launchChromium();
    // npm may fetch the packages' dependencies on a cold cache: longer than a test may take.
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await host?.close();
    if (backend && backend.exitCode === null) {
      backend.kill('SIGTERM');
      await new Promise((resolve) => backend.once('exit', resolve));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page & { errors: string[]; warnings: string[]; requested: string[]; sockets: { opened: number; open: Set<number> } }> {
    const page = Object.assign(await browser.newPage(), { errors: [] as string[], warnings: [] as string[], requested: [] as string[], sockets: { opened: 0, open: new Set<number>() } });
    page.on('websocket', (socket) => {
      const key = ++page.sockets.opened;
      page.sockets.open.add(key);
      socket.on('close', () => page.sockets.open.delete(key));
    });
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.on('request', (request) => page.requested.push(new URL(request.url()).pathname));
    page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
    page.on('console', (message) => message.type() === 'warning' && page.warnings.push(message.text()));
    await page.goto(`${host.url}/${path}?server=${encodeURIComponent(server.url)}&token=${encodeURIComponent(server.token)}`);
    return page;
  }

  it('installs outside the workspace, with no workspace: version left', () => {
    assert.ok(!app.startsWith(root), app);
    for (const name of PACKAGES) {
      const manifest = JSON.parse(readFileSync(join(app, 'node_modules', '@convkit', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const [dependency, version] of Object.entries(manifest.dependencies ?? {})) assert.doesNotMatch(version, /^workspace:/, `@convkit/${name} -> ${dependency}`);
    }
  });

  /** The host page's checks, whichever bundler built it: every part on one client, then a send. */
  async function expectHostPage(path: string, message: string): Promise<Page & { errors: string[]; requested: string[] }> {
    const page = await open(path);
    const inboxList = page.locator('conv-inbox').getByRole('listbox');
    await inboxList.getByRole('option').first().waitFor();
    await page.locator('acme-list').getByRole('listbox').getByRole('option').first().waitFor();
    await page.locator('conv-unread-badge').getByText(/unread/).waitFor();
    // The list under the host's name renders Convkit's parts under their own names.
    await page.locator('acme-list').getByRole('searchbox', { name: 'Search conversations' }).waitFor();

    await inboxList.getByRole('option').first().click();
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill(message);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('region', { name: /^Messages with / }).getByText(message).waitFor();
    assert.deepEqual(page.errors, []);
    return page;
  }

  it('runs the esbuild-bundled app: the inbox, the badge and a list under the host tag name, on one client', async () => {
    await (await expectHostPage('index.html', 'Sent from the esbuild app')).close();
  });

  it('runs the same app built by Vite', async () => {
    const page = await expectHostPage('vite/index.html', 'Sent from the Vite app');
    assert.ok(page.requested.some((path) => path.startsWith('/vite/assets/')), `Vite's own assets: ${page.requested.join(', ')}`);
    await page.close();
  });

  it('runs an inbox registered under a host tag from the classes alone: it defines its own parts', async () => {
    const page = await open('classes.html');
    const inbox = page.locator('acme-inbox');
    await inbox.getByRole('searchbox', { name: 'Search conversations' }).waitFor();
    await inbox.getByRole('listbox').getByRole('option').first().click();
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    assert.deepEqual(await page.evaluate(() => ['conv-list', 'conv-thread', 'conv-composer', 'contact-panel'].filter((tag) => !customElements.get(tag))), [], 'every part defined');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it("runs the bundle copied to the host's own origin, chunks and all", async () => {
    const page = await open('bundle.html');
    await page.getByRole('listbox').getByRole('option').first().click();
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    assert.ok(page.requested.some((path) => path.startsWith('/convkit/chunks/')), `chunks come from beside the bundle: ${page.requested.join(', ')}`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it("runs the React recipe in StrictMode: one socket open, after a remount too, and no errors", async () => {
    const page = await open('react.html');
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    await expectOneSocket();
    await page.evaluate(() => (window as unknown as { remount(): void }).remount());
    await list.getByRole('option').first().waitFor();
    await expectOneSocket();
    assert.ok(page.sockets.opened >= 2, `the remount opened a socket of its own (${page.sockets.opened} in all)`);
    await list.getByRole('option').first().click();
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no error on screen');
    assert.deepEqual(page.errors, []);
    await page.close();

    async function expectOneSocket(): Promise<void> {
      // Sockets that are closing are counted until they have closed.
      for (let i = 0; i < 100 && page.sockets.open.size !== 1; i++) await page.waitForTimeout(50);
      assert.equal(page.sockets.open.size, 1, `open sockets after ${page.sockets.opened} opened`);
    }
  });

  it('type-checks a TSX file that uses every element with its props and typed events, and refuses its mistakes', () => {
    // src/typed.tsx: every tag, and three @ts-expect-error lines that must each be an error.
    try {
      execFileSync(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.typecheck.json'], { cwd: app, stdio: 'pipe' });
    } catch (error) {
      assert.fail(`tsc found errors:\n${(error as { stdout?: Buffer }).stdout?.toString() ?? error}`);
    }
    assert.deepEqual(tagsUsedIn('src/typed.tsx'), manifestTags(), 'the TSX file uses every element of the manifest');
  });

  /** The installed manifest's tags, sorted. */
  function manifestTags(): string[] {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', '@convkit', 'elements', 'dist', 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
    return manifest.modules.flatMap((module) => module.declarations ?? []).map((declaration) => declaration.tagName!).filter(Boolean).sort();
  }

  /** The <conv-*> and <contact-*> tags a file of the app uses, sorted, each once. */
  function tagsUsedIn(file: string): string[] {
    return [...new Set([...readFileSync(join(app, file), 'utf8').matchAll(/<((?:conv|contact)-[a-z-]+)/g)].map((m) => m[1]!))].sort();
  }

  /** Runs one of the app's installed tools; its exit status and everything it printed. */
  function run(tool: string, args: string[]): { status: number | null; output: string } {
    const result = spawnSync(join(app, 'node_modules', '.bin', tool), args, { cwd: app, encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('type-checks a Vue SFC that uses every element with vue-tsc, each @vue-expect-error meeting its error, and the Vue recipe', () => {
    // src/typed.vue: every tag, attributes, properties and typed @conv-… handlers; vue-tsc
    // reports an unused @vue-expect-error, so each of its mistakes must still be one.
    // src/Inbox.vue: docs/embedding.md's component, written by before().
    const { status, output } = run('vue-tsc', ['-p', 'tsconfig.vue.json']);
    assert.equal(status, 0, `vue-tsc found errors:\n${output}`);
    assert.deepEqual(tagsUsedIn('src/typed.vue'), manifestTags(), 'the SFC uses every element of the manifest');
    assert.equal(readFileSync(join(app, 'src', 'typed.vue'), 'utf8').match(/<!-- @vue-expect-error/g)?.length, 5, 'its five mistakes');
  });

  it('type-checks Svelte markup that uses every element with svelte-check, refuses its mistakes, and the Svelte recipe', () => {
    const { output } = run('svelte-check', ['--tsconfig', './tsconfig.svelte.json', '--output', 'machine']);
    // Machine output: `<time> ERROR "<file>" <line>:<column> "<message>"`, warnings alike.
    const problems = [...output.matchAll(/^\d+ (ERROR|WARNING) "([^"]+)" (\d+):\d+ (.*)$/gm)].map(([, kind, file, line, message]) => ({ kind, file, line: Number(line), message: message! }));
    assert.ok(/COMPLETED \d+ FILES/.test(output), output);
    assert.deepEqual(problems.filter((problem) => problem.file !== 'src/mistakes.svelte'), [], 'src/typed.svelte and the recipe (src/inbox.svelte) are clean');
    assert.deepEqual(tagsUsedIn('src/typed.svelte'), manifestTags(), 'the markup uses every element of the manifest');
    // src/mistakes.svelte: one mistake a line, each refused for its own reason.
    const mistakes = problems.filter((problem) => problem.file === 'src/mistakes.svelte');
    assert.deepEqual(mistakes.map((problem) => [problem.kind, problem.line]), [['ERROR', 9], ['ERROR', 10], ['ERROR', 11], ['ERROR', 12]], output);
    assert.match(mistakes[0]!.message, /Type 'string' is not assignable to type 'number'/);
    assert.match(mistakes[1]!.message, /Property 'nothing' does not exist on type 'ConvConversationSelectedDetail'/);
    assert.match(mistakes[2]!.message, /'\\"tokn\\"' does not exist in type/);
    assert.match(mistakes[3]!.message, /Type '\\"blue\\"' is not assignable/);
  });

  it('type-checks every entry point under moduleResolution node16 (ESM) and bundler', () => {
    // src/entry-points.ts imports each one and uses it through a type (see its comment).
    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const { status, output } = run('tsc', ['-p', config]);
      assert.equal(status, 0, `${config}:\n${output}`);
    }
  });

  it('imports the SDK, server and manifest entry points with plain Node, and resolves the elements\' ones to files', () => {
    // entry-points.mjs prints what each entry point exports, or the file it resolves to.
    const result = spawnSync(process.execPath, ['entry-points.mjs'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 0, result.stderr);
    const { imported, resolved } = JSON.parse(result.stdout) as { imported: Record<string, string[]>; resolved: Record<string, string> };
    const expected: Record<string, string> = {
      '@convkit/sdk': 'ConvClient',
      '@convkit/sdk/protocol': 'COMMANDS',
      '@convkit/sdk/testing': 'dropConnection',
      '@convkit/server': 'createServer',
      '@convkit/server/testing': 'startTestServer',
      '@convkit/elements/custom-elements.json': 'modules',
    };
    for (const [specifier, name] of Object.entries(expected)) assert.ok(imported[specifier]?.includes(name), `${specifier} exports ${name}: ${imported[specifier]}`);
    const elements = join(app, 'node_modules', '@convkit', 'elements', 'dist');
    for (const [specifier, file] of Object.entries(resolved)) assert.ok(file.startsWith(elements) && existsSync(file), `${specifier} -> ${file}`);
    assert.equal(Object.keys(resolved).length, 8);
  });

  /**
   * A framework recipe's page: the inbox gets its client from the component (a row shows), and
   * the conversation opened comes back through the component's typed event handler (its host,
   * src/<framework>-app.js, writes it into the page).
   */
  async function expectRecipe(framework: 'vue' | 'svelte'): Promise<void> {
    const page = await open(`${framework}/index.html`);
    await page.getByRole('listbox').getByRole('option').first().click();
    await page.getByRole('region', { name: /^Messages with / }).waitFor();
    const opened = await page.waitForFunction(() => document.body.dataset.opened).then((handle) => handle.jsonValue());
    assert.equal(opened, await page.locator('conv-inbox').evaluate((inbox) => (inbox as unknown as { conversationId: string }).conversationId));
    // The framework's own warnings (Vue: "Failed to resolve component: conv-inbox" without the
    // documented isCustomElement). Lit's development build, which NODE_ENV=development selects
    // too, adds its own, about the elements rather than their use.
    assert.deepEqual(page.warnings.filter((warning) => /\[Vue warn\]|svelte/i.test(warning)), []);
    assert.deepEqual(page.errors, []);
    await page.close();
  }

  it('runs the Vue recipe built by Vite with the documented isCustomElement: no warning, and @conv-conversation-selected reaches the host', async () => {
    await expectRecipe('vue');
  });

  it('runs the Svelte recipe built by Vite: no warning, and onconv-conversation-selected reaches the host', async () => {
    await expectRecipe('svelte');
  });

  it('the installed server serves the bundle of its own @convkit/elements', async () => {
    const response = await fetch(`${server.url}/convkit/v1/convkit.js`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /define\("conv-inbox"\)/);
  });
});
