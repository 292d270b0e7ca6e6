import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define/conv-inbox.js';
import '../define/conv-view-tabs.js';
import type { ConvInbox } from '../components/conv-inbox/conv-inbox.js';
import type { ConvList } from '../components/conv-list/conv-list.js';
import { connectedClient, disconnectClients, eventually, shadow, shadowAll, text } from '../test-utils/index.js';
import { filterBarOf, renderList, rows, tab, tabsOf } from '../test-utils/list.js';
import { ConvElement } from '../base/conv-element.js';
import { relativeTime } from '../internal/format.js';
import { dayLabel, duration } from '../components/conv-thread/thread-format.js';
import { loadTranslation, registerTranslation } from './localize.js';
import { es } from './es.js';
import { TERM_MODULES } from './terms/all.js';

/** An element with nothing but its words and formats, for checking them exactly. */
class Probe extends ConvElement {
  get l() {
    return this.localize;
  }
}
customElements.define('i18n-probe', Probe);

const tabNames = (list: HTMLElement) => shadowAll(tabsOf(list as never), '[role="tab"] > span:first-child').map(text);
const searchBox = (list: HTMLElement) => shadow<HTMLInputElement>(filterBarOf(list as never), '[part="search-input"]')!;

describe('languages', () => {
  afterEach(() => {
    disconnectClients();
    document.documentElement.removeAttribute('lang');
    document.documentElement.removeAttribute('dir');
  });

  // First: Spanish is not downloaded yet, so the shipped terms arrive after the host's own.
  it('keeps a host’s terms for a shipped language, with the shipped ones under them, whichever comes first', async () => {
    registerTranslation({ $code: 'es', $name: 'Español', $dir: 'ltr', retry: 'Volver a intentar' });
    const probe = await fixture<Probe>(html`<i18n-probe lang="es"></i18n-probe>`);
    await loadTranslation('es');
    expect(probe.l.t('retry')).to.equal('Volver a intentar');
    expect(probe.l.t('viewAll'), 'the shipped Spanish is there too').to.equal('Todas');
    registerTranslation({ $code: 'es', $name: 'Español', $dir: 'ltr', viewAll: 'Todo' });
    expect(probe.l.t('viewAll'), 'a host term registered later wins as well').to.equal('Todo');
    registerTranslation({ $code: 'es', $name: 'Español', $dir: 'ltr', viewAll: es.viewAll, retry: es.retry });
  });

  it('reads lang as pages write it: es_ES, and past an invalid value to the ancestor’s', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="es"><i18n-probe lang="es_ES"></i18n-probe><i18n-probe lang="not a language!"></i18n-probe></div>`);
    const [underscored, invalid] = [...wrapper.querySelectorAll<Probe>('i18n-probe')];
    expect(underscored!.l.lang()).to.equal('es-ES');
    expect(invalid!.l.lang()).to.equal('es');
    // A language Convkit does not ship resolves at once; every # in a form is the count.
    await loadTranslation('fr');
    registerTranslation({ $code: 'xx', $name: 'Test', $dir: 'ltr', countAll: { other: '# (#)' } });
    underscored!.lang = 'xx';
    expect(underscored!.l.t('countAll', 3)).to.equal('3 (3)');
  });

  it('every English term has a Spanish one, and no two modules define the same term', () => {
    const keys = TERM_MODULES.flatMap((terms) => Object.keys(terms));
    expect(new Set(keys).size, 'term keys are unique across modules').to.equal(keys.length);
    const spanish = Object.keys(es).filter((key) => !key.startsWith('$'));
    expect([...spanish].sort()).to.deep.equal([...keys].sort());
  });

  it('speaks the page language: Spanish from <html lang="es">, fetched on demand, and back when it changes', async () => {
    const list = await renderList(await connectedClient());
    expect(tabNames(list)).to.deep.equal(['All', 'Unread', 'Recents', 'Starred', 'Archived']);
    document.documentElement.lang = 'es';
    await eventually(() => tabNames(list).join() === 'Todas,No leídas,Recientes,Destacadas,Archivadas', 'the tabs speak Spanish');
    expect(searchBox(list).placeholder).to.equal('Buscar nombres, teléfonos, mensajes');
    expect(shadow(list, '[role="listbox"]')!.getAttribute('aria-label')).to.equal('Conversaciones');
    document.documentElement.lang = 'en-GB';
    await eventually(() => tabNames(list)[0] === 'All', 'back to English');
  });

  it('takes lang per element, through the shadow roots of a composite, and a region falls back to its language', async () => {
    const client = await connectedClient();
    const inbox = await fixture<ConvInbox>(html`<conv-inbox lang="es-MX" .client=${client} style="height:640px;width:1200px"></conv-inbox>`);
    const list = await eventually(() => shadow<ConvList>(inbox, 'conv-list'), 'the inbox draws its list');
    await eventually(() => tabNames(list).join() === 'Todas,No leídas,Recientes,Destacadas,Archivadas', 'the list inside the inbox speaks Spanish');
    await eventually(() => rows(list).length > 0, 'rows render');
    // An element beside it, with no lang of its own, keeps the page's English.
    const english = await fixture<HTMLElement>(html`<conv-view-tabs .client=${client}></conv-view-tabs>`);
    await eventually(() => shadowAll(english, '[role="tab"] > span:first-child').map(text)[0] === 'All', 'the tabs beside it speak English');
    // Dates and numbers follow the element's language too.
    const thread = await eventually(() => shadow<HTMLElement>(inbox, 'conv-thread'), 'the thread is drawn');
    await eventually(() => text(shadow(thread, '[part="state"]')) === 'Elige una conversación para leerla.', 'the thread speaks Spanish');
    inbox.setAttribute('lang', 'en');
    await eventually(() => tabNames(list)[0] === 'All', 'a lang change on the element redraws what it covers');
  });

  it('lets a host add a language: its terms show, and what it leaves out stays English', async () => {
    registerTranslation({ $code: 'fr', $name: 'Français', $dir: 'ltr', viewAll: 'Toutes', viewUnread: 'Non lues', countAll: { one: '# conversation', other: '# conversations' } });
    const list = await renderList(await connectedClient());
    list.lang = 'fr';
    await eventually(() => tabNames(list)[0] === 'Toutes', 'the host’s French shows');
    expect(tabNames(list).slice(1)).to.deep.equal(['Non lues', 'Recents', 'Starred', 'Archived']);
  });

  it('formats counts, plurals, times and durations with Intl in the element’s language', async () => {
    const probe = await fixture<Probe>(html`<i18n-probe lang="es"></i18n-probe>`);
    await loadTranslation('es');
    const l = probe.l;
    const now = new Date(2026, 5, 10, 15, 0);
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(l.t('countAll', 1)).to.equal('1 conversación');
    expect(l.t('countAll', 12345)).to.equal('12.345 conversaciones');
    expect(relativeTime(l, ago(20_000), now)).to.equal('ahora');
    expect(relativeTime(l, ago(5 * 60_000), now)).to.equal(new Intl.NumberFormat('es', { style: 'unit', unit: 'minute', unitDisplay: 'narrow' }).format(5));
    expect(relativeTime(l, ago(5 * 60_000), now)).not.to.equal('5m');
    expect(dayLabel(l, ago(60_000), now)).to.equal('Hoy');
    expect(dayLabel(l, ago(86_400_000), now)).to.equal('Ayer');
    expect(dayLabel(l, ago(3 * 86_400_000), now)).to.equal('domingo, 7 de junio');
    expect(duration(l, 185)).to.equal(new Intl.NumberFormat('es', { style: 'unit', unit: 'minute', unitDisplay: 'narrow' }).format(3) + ' ' + new Intl.NumberFormat('es', { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(5));
    probe.lang = 'en';
    expect(relativeTime(l, ago(5 * 60_000), now)).to.equal('5m');
    expect(dayLabel(l, ago(86_400_000), now)).to.equal('Yesterday');
    expect(duration(l, 185)).to.equal('3m 5s');
    expect(l.t('countAll', 1)).to.equal('1 conversation');
  });

  it('lays out and moves right to left under dir="rtl"', async () => {
    registerTranslation({ $code: 'ar', $name: 'العربية', $dir: 'rtl', viewAll: 'الكل', viewUnread: 'غير مقروءة' });
    const list = await renderList(await connectedClient());
    const row = rows(list)[0]!;
    const leftToRight = { avatar: row.querySelector('.avatar')!.getBoundingClientRect().left, time: row.querySelector('[part="time"]')!.getBoundingClientRect().left };
    expect(leftToRight.avatar).to.be.below(leftToRight.time);
    list.lang = 'ar';
    list.dir = 'rtl';
    await eventually(() => tabNames(list)[0] === 'الكل', 'the host’s Arabic shows');
    await list.updateComplete;
    const avatar = row.querySelector('.avatar')!.getBoundingClientRect().left;
    const timeAt = row.querySelector('[part="time"]')!.getBoundingClientRect().left;
    expect(avatar, 'the avatar is on the right').to.be.above(timeAt);
    // Arrow keys follow the reading direction: Left moves to the next tab.
    tab(list, 'all').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await eventually(() => tab(list, 'unread').getAttribute('aria-selected') === 'true', 'ArrowLeft picks the next tab');
  });
});
