import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { platformOf } from '../../db/orm.js';
import { DEMO_CONTACTS } from '../../seed/demo-data.js';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { searchProbe, type SearchProbe } from './search.test.helper.js';

const person = (phone: string) => {
  const found = DEMO_CONTACTS.find((c) => c.phone === phone);
  if (!found) throw new Error(`the demo seed has no ${phone}`);
  return found;
};

describe('search', () => {
  let t: TestServer;
  let demo: SearchProbe;
  let other: SearchProbe;
  let total: number;
  // The example number; this demo contact has no email.
  const daniel = person('+15550200003');
  const maria = person('+15550200000');
  let danielThread: string;
  let mariaThread: string;
  // Threads created by inbound SMS after the migration ran: the triggers index them.
  const gazeboPhone = '+15557770001';
  let gazeboThread: string;

  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    await t.createWorkspace('other');
    await t.simulateSms({ from: gazeboPhone, body: 'The gazebo roof is leaking near the skylight. Can someone look at it before Friday?' });
    // Another workspace: the same words, the same phone number as a demo contact.
    await t.simulateSms({ workspace: 'other', from: daniel.phone, body: 'Gazebo question from the other workspace' });
    await t.simulateSms({ workspace: 'other', from: '+15557770002', body: 'Our gazebo skylight is fine' });
    demo = await searchProbe(t, 'demo');
    other = await searchProbe(t, 'other');
    danielThread = await demo.conversationOfPhone(daniel.phone);
    mariaThread = await demo.conversationOfPhone(maria.phone);
    gazeboThread = await demo.conversationOfPhone(gazeboPhone);
    const rows = await demo.sql<{ n: number | string }>('select count(*) as n from conversations where workspace_id = ?', [demo.workspaceId]);
    total = Number(rows[0]!.n);
  });
  after(async () => {
    await t.close();
  });

  describe('finds the conversation by its contact', () => {
    it('first name, last name and the full name, in any case', async () => {
      assert.deepEqual(await demo.find(daniel.firstName), [danielThread]);
      assert.deepEqual(await demo.find(daniel.lastName), [danielThread]);
      assert.deepEqual(await demo.find(`${daniel.firstName} ${daniel.lastName}`), [danielThread]);
      assert.deepEqual(await demo.find(`${daniel.lastName.toUpperCase()} ${daniel.firstName.toLowerCase()}`), [danielThread]);
      assert.deepEqual(await demo.find(daniel.lastName.slice(1, 5)), [danielThread], 'a piece of a name');
    });

    it('a piece of the email address, in any case', async () => {
      assert.ok(maria.email);
      const [local, domain] = maria.email.split('@') as [string, string];
      const piece = `${local.slice(-4)}@${domain.slice(0, 3)}`;
      assert.deepEqual(await demo.find(piece), [mariaThread]);
      assert.deepEqual(await demo.find(piece.toUpperCase()), [mariaThread]);
      assert.deepEqual(await demo.find(maria.email), [mariaThread]);
    });

    it('the phone number in every format an agent types it', async () => {
      for (const typed of ['(555) 020-0003', '555-0200003', '+1 555 020 0003', '0200003', '+15550200003', '555.020.0003']) {
        assert.deepEqual(await demo.find(typed), [danielThread], typed);
      }
    });

    it('fewer than three digits do not search phones', async () => {
      // Every demo number contains "02"; searching phones for it would list them all.
      assert.deepEqual(await demo.find('02'), []);
      assert.deepEqual(await demo.find('+1'), []);
    });

    it('LIKE wildcards typed in a name are plain characters', async () => {
      assert.deepEqual(await demo.find('e%a'), []);
      assert.deepEqual(await demo.find('n_e'), []);
      assert.deepEqual(await demo.find(`${daniel.lastName.slice(0, 2)}%${daniel.lastName.slice(3, 5)}`), []);
    });

    it('short name pieces work too', async () => {
      const found = await demo.find(daniel.firstName.slice(0, 2));
      assert.ok(found.includes(danielThread));
      assert.ok(found.length < total);
    });
  });

  describe('finds the conversation by its messages', () => {
    it('a word of a message, in any case', async () => {
      assert.deepEqual(await demo.find('gazebo'), [gazeboThread]);
      assert.deepEqual(await demo.find('GAZEBO Skylight'), [gazeboThread]);
    });

    it('the start of a word', async () => {
      assert.deepEqual(await demo.find('skyli'), [gazeboThread]);
      assert.deepEqual(await demo.find('leak gaz'), [gazeboThread]);
    });

    it('words of a message and pieces of a name each find their own conversations', async () => {
      // "da" is too short for message words and the contact half needs both terms: only the message matches.
      assert.deepEqual(await demo.find('gazebo Da'), [gazeboThread]);
      assert.deepEqual(await demo.find(`Da ${daniel.lastName}`), [danielThread]);
      assert.deepEqual(await demo.find(`zz ${daniel.lastName}`), []);
    });

    it('words inside links and addresses', async () => {
      await t.simulateSms({ from: '+15557770007', body: 'See https://harbor.example/listings/4242 or write to offers@harbor-realty.example' });
      const thread = await demo.conversationOfPhone('+15557770007');
      for (const query of ['listings', '4242', 'offers', 'realty', 'harbor-realty']) assert.deepEqual(await demo.find(query), [thread], query);
    });

    it('every word must be somewhere in the thread', async () => {
      assert.deepEqual(await demo.find('gazebo zucchini'), []);
    });

    it('nothing matches: empty', async () => {
      assert.deepEqual(await demo.find('zyzzyva'), []);
      assert.deepEqual(await demo.find('Quixotic Zebra'), []);
    });

    it('a message that arrives now is searchable at once, with the thread\'s earlier words', async () => {
      await t.simulateSms({ from: gazeboPhone, body: 'Also the pergola needs paint' });
      assert.deepEqual(await demo.find('pergola'), [gazeboThread]);
      assert.deepEqual(await demo.find('pergola gazebo'), [gazeboThread], 'words from two messages of one thread');
      const match = (await demo.explain([gazeboThread], 'pergola gazebo')).get(gazeboThread);
      assert.equal(match?.field, 'message');
      assert.match(match.snippet, /pergola/, 'no message has both words: the newest with either');
    });
  });

  describe('the index follows every change', () => {
    it('an edited message is found by its new words only', async () => {
      await t.simulateSms({ from: '+15557770003', body: 'Checking on the trellis quote' });
      const thread = await demo.conversationOfPhone('+15557770003');
      await demo.sql("update messages set body = 'Checking on the arbor quote', subject = 'Garden structures' where conversation_id = ?", [thread]);
      assert.deepEqual(await demo.find('trellis'), []);
      assert.deepEqual(await demo.find('arbor'), [thread]);
      assert.deepEqual(await demo.find('garden structures'), [thread], 'the subject is searched too');
    });

    it('a status change leaves the index alone; deleted messages and conversations leave it', async () => {
      await t.simulateSms({ from: '+15557770004', body: 'Is the cabana still for sale' });
      await t.simulateSms({ from: '+15557770004', body: 'Also, does the gatehouse convey?' });
      const thread = await demo.conversationOfPhone('+15557770004');
      await demo.sql("update messages set status = 'read' where conversation_id = ?", [thread]);
      assert.deepEqual(await demo.find('cabana'), [thread]);
      await demo.sql("delete from messages where conversation_id = ? and body like '%gatehouse%'", [thread]);
      assert.deepEqual(await demo.find('gatehouse'), []);
      assert.deepEqual(await demo.find('cabana'), [thread]);
      await demo.sql('delete from conversations where id = ?', [thread]);
      assert.deepEqual(await demo.find('cabana'), []);
    });

    it('a renamed contact is found by the new name only', async () => {
      await t.simulateSms({ from: '+15557770005', body: 'Hello' });
      const thread = await demo.conversationOfPhone('+15557770005');
      await demo.sql("update contacts set first_name = 'Wilhelmina', last_name = 'Quarterman', email = 'wq@estate.example' where phone = ?", ['+15557770005']);
      assert.deepEqual(await demo.find('Wilhelmina Quarterman'), [thread]);
      assert.deepEqual(await demo.find('estate.example'), [thread]);
      await demo.sql("update contacts set first_name = 'Mina' where phone = ?", ['+15557770005']);
      assert.deepEqual(await demo.find('Wilhelmina'), []);
      assert.deepEqual(await demo.find('Mina Quarterman'), [thread]);
    });

    it('the word index holds exactly what the messages say', async () => {
      const keys = async (sql: string) => (await demo.sql<{ k: number | string }>(sql)).map((r) => String(r.k));
      if (platformOf(t.server.orm) === 'sqlite') {
        // Contentless FTS5 keeps only keys and tokens: compare its keys with the tables, so a
        // missed insert or a leftover of a deleted conversation shows here.
        const messageKeys = await keys('select (c.rowid << 24) + m.seq as k from messages m join conversations c on c.id = m.conversation_id order by 1');
        assert.ok(messageKeys.length > 0);
        assert.deepEqual(await keys('select rowid as k from messages_fts order by 1'), messageKeys);
        assert.deepEqual(await keys('select rowid as k from conversation_contacts_fts order by 1'), await keys('select rowid as k from conversations order by 1'));
        assert.deepEqual(await keys('select rowid as k from conversation_contact_words_fts order by 1'), await keys('select rowid as k from conversations order by 1'));
        await demo.sql("insert into messages_fts(messages_fts) values ('integrity-check')");
        await demo.sql("insert into conversation_contacts_fts(conversation_contacts_fts) values ('integrity-check')");
        await demo.sql("insert into conversation_contact_words_fts(conversation_contact_words_fts) values ('integrity-check')");
      } else {
        // Every chunk's words, derived again from the messages, equal what the triggers kept.
        const derived = await keys(
          "select m.conversation_id || ':' || ((m.seq - 1) / 32) || ':' || convkit_search_words(string_agg(m.body || ' ' || coalesce(m.subject, ''), ' '), null)::text as k " +
            'from messages m group by m.conversation_id, (m.seq - 1) / 32 order by 1',
        );
        assert.ok(derived.length > 0);
        assert.deepEqual(await keys("select conversation_id || ':' || chunk || ':' || words::text as k from conversation_search order by 1"), derived);
      }
    });
  });

  it('never finds another workspace\'s data', async () => {
    const otherGazebo = await other.find('gazebo');
    assert.equal(otherGazebo.length, 2);
    assert.deepEqual(await demo.find('gazebo'), [gazeboThread]);
    assert.deepEqual(await demo.find('0200003'), [danielThread]);
    assert.deepEqual(await other.find('0200003'), [await other.conversationOfPhone(daniel.phone)]);
    assert.deepEqual(await other.find(daniel.lastName), [], 'the other workspace\'s contact has no name');
    assert.deepEqual(await demo.find('other workspace'), []);
    assert.equal((await demo.explain(otherGazebo, 'gazebo')).size, 0, 'explaining ids of another workspace tells nothing');
  });

  it('hostile input neither fails nor matches everything', async () => {
    const inputs = [
      '"', "'", '%', '_', '\\', '*', '-', '(', ')', ':', '^', '%%', '__', '\\%', '%_%', '""', "''",
      'NEAR(', 'NEAR(gazebo roof)', 'gazebo NEAR roof', 'OR', 'a OR b', 'AND', 'NOT', '-gazebo', 'gazebo -roof', 'gaz*', '"gazebo',
      'body: gazebo', '{body subject}: gazebo', '^gazebo', 'gazebo & roof', 'gazebo | roof', '!gazebo', "gazebo:*", "'gazebo':*",
      "x'); drop table messages; --", '?', '??', '$1', '\u0000', '\u0000gazebo', '🙂', 'é', 'a'.repeat(1000), '€'.repeat(1000),
      'gazebo '.repeat(200), '% '.repeat(500), Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const input of inputs) {
      const found = await demo.find(input);
      assert.ok(found.length < total, `${JSON.stringify(input.slice(0, 40))} matched all ${total}`);
      await demo.explain([gazeboThread, danielThread], input);
    }
    for (const input of ['%', '_', '*', '"', '-', '\\', '?']) assert.deepEqual(await demo.find(input), [], input);
    assert.deepEqual(await demo.find('gaz*'), [gazeboThread], 'a star is punctuation, not syntax');
    assert.deepEqual(await demo.find('-gazebo'), [gazeboThread], 'a minus is punctuation, not NOT');
    const tables = await demo.sql('select count(*) as n from messages');
    assert.ok(Number(tables[0]!.n) > 0);
  });

  describe('explains each match', () => {
    it('a name: the full name with the term highlighted', async () => {
      const match = (await demo.explain([danielThread], daniel.lastName.toLowerCase())).get(danielThread);
      assert.equal(match?.field, 'name');
      assert.equal(match.snippet, `${daniel.firstName} ${daniel.lastName}`);
      assert.deepEqual(match.highlights.map(([s, e]) => match.snippet.slice(s, e)), [daniel.lastName]);
    });

    it('a phone: the number with the typed digits highlighted', async () => {
      const match = (await demo.explain([danielThread], '(555) 020-0003')).get(danielThread);
      assert.equal(match?.field, 'phone');
      assert.equal(match.snippet, '+15550200003');
      assert.deepEqual(match.highlights, [[2, 12]]);
    });

    it('an email: the address with the piece highlighted', async () => {
      const match = (await demo.explain([mariaThread], '@EXAMPLE.com')).get(mariaThread);
      assert.equal(match?.field, 'email');
      assert.equal(match.snippet, maria.email);
      assert.deepEqual(match.highlights.map(([s, e]) => match.snippet.slice(s, e)), ['@example.com']);
    });

    it('a message: the newest match, an excerpt with every occurrence highlighted', async () => {
      const phone = '+15557770006';
      await t.simulateSms({ from: phone, body: 'First note about the veranda' });
      const long =
        'We walked through the whole property on Sunday afternoon with the inspector, who checked the roof, the attic, the wiring ' +
        'and the plumbing; the Veranda railings need work and the veranda steps are loose. Everything else looked fine to us.';
      await t.simulateSms({ from: phone, body: long });
      await t.simulateSms({ from: phone, body: 'Unrelated later message' });
      const thread = await demo.conversationOfPhone(phone);
      const [newest] = await demo.sql<{ id: string; seq: number | string }>('select id, seq from messages where conversation_id = ? and body = ?', [thread, long]);
      const match = (await demo.explain([thread], 'veranda')).get(thread);
      assert.equal(match?.field, 'message');
      assert.equal(match.messageId, newest!.id, 'the newest message that matches, not the newest message');
      assert.equal(match.seq, Number(newest!.seq));
      assert.ok(match.snippet.length <= 122, `${match.snippet.length} characters`);
      assert.ok(match.snippet.startsWith('…'));
      assert.deepEqual(match.highlights.map(([s, e]) => match.snippet.slice(s, e)), ['Veranda', 'veranda']);
    });

    it('a word prefix highlights the typed part', async () => {
      const match = (await demo.explain([gazeboThread], 'skyl')).get(gazeboThread);
      assert.equal(match?.field, 'message');
      assert.deepEqual(match.highlights.map(([s, e]) => match.snippet.slice(s, e)), ['skyl']);
      assert.match(match.snippet, /skylight/);
    });

    it('the contact comes before its messages, and a blank query explains nothing', async () => {
      await t.simulateSms({ from: daniel.phone, body: `Tell ${daniel.firstName} I called` });
      const match = (await demo.explain([danielThread], daniel.firstName)).get(danielThread);
      assert.equal(match?.field, 'name');
      assert.equal((await demo.explain([danielThread], '  ')).size, 0);
      assert.equal((await demo.explain([], daniel.firstName)).size, 0);
    });
  });
});
