// The demo workspace's people and histories: a real-estate team's inbox.
import type { Channel } from '@convkit/sdk/protocol';

export const DEMO_WORKSPACE = { slug: 'demo', name: 'Harbor Realty' };

/** The demo's calls ring the office line when the conversation's agent has no phone saved. */
export const DEMO_VOICE = { forwardTo: '+15550100999' };

export const DEMO_AGENTS = [
  { externalId: 'agent-1', name: 'Alex Rivera', email: 'alex@harbor.example', role: 'admin' as const },
  { externalId: 'agent-2', name: 'Sam Patel', email: 'sam@harbor.example', role: 'agent' as const },
];

export const DEMO_LABELS = [
  { name: 'Hot lead', color: '#dc2626' },
  { name: 'Follow up', color: '#d97706' },
  { name: 'Closing', color: '#16a34a' },
  { name: 'Referral', color: '#7c3aed' },
];

/**
 * How each demo thread is triaged, by contact index: assignee (agent index), label names,
 * Alex's star, archived. Unlisted threads are unassigned, unlabelled, open.
 */
export const DEMO_TRIAGE: Record<number, { assignee?: number; labels?: string[]; starredByAlex?: boolean; archived?: boolean }> = {
  0: { assignee: 0, labels: ['Hot lead'], starredByAlex: true },
  1: { assignee: 1, labels: ['Closing'] },
  2: { labels: ['Follow up'] },
  3: { assignee: 1 },
  4: { assignee: 0, labels: ['Hot lead', 'Follow up'] },
  6: { assignee: 0, labels: ['Closing'], starredByAlex: true },
  9: { labels: ['Referral'] },
  13: { assignee: 1, starredByAlex: true },
  21: { archived: true },
  22: { archived: true, labels: ['Follow up'] },
};

/** Saved replies the demo's agents share, merge tags included. */
export const DEMO_SNIPPETS = [
  { title: 'Showing times', shortcut: 'showing', body: 'Hi {{contact.first_name | "there"}}, I can show you the home on Saturday at 10:00 or Sunday at 14:00. Which suits you best?' },
  { title: 'Pre-approval checklist', shortcut: 'preapproval', body: 'To get pre-approved you will need: two recent pay stubs, last year\'s tax return, and a photo ID. Happy to introduce you to a lender.' },
  { title: 'Thanks for reaching out', shortcut: 'thanks', body: 'Thanks for reaching out, {{contact.first_name | "there"}}! {{contact.owner.name | "Our team"}} will get back to you within the hour.' },
];

/** The host's cards about the first demo contact (Maria Gonzalez), as a CRM's backend would keep them (contactCards.save). */
export const DEMO_CARDS = [
  { key: 'deal-1042', kind: 'opportunity', title: '3-bed on Maple Street', subtitle: 'Buyers pipeline · Showing scheduled', status: 'Open', amount: { value: 650000, currency: 'USD' }, link: '/opportunities/1042', actions: [{ label: 'Open deal', link: '/opportunities/1042' }] },
  { key: 'appt-88', kind: 'appointment', title: 'Showing: 41 Maple Street', subtitle: 'Saturday 10:00 · with Alex Rivera', status: 'Scheduled', amount: null, link: '/appointments/88', actions: [{ label: 'Reschedule', link: '/appointments/88/reschedule' }] },
] as const;

export interface DemoContact {
  firstName: string;
  lastName: string;
  phone: string;
  email: string | null;
  group: string;
  tags: string[];
}

const FIRST = ['Maria', 'James', 'Priya', 'Daniel', 'Chloe', 'Omar', 'Hannah', 'Lucas', 'Aisha', 'Ethan', 'Sofia', 'Noah', 'Grace', 'Mateo', 'Lily', 'Jonah', 'Zoe', 'Caleb', 'Nora', 'Isaac', 'Ruby', 'Felix', 'Leah', 'Victor'];
const LAST = ['Gonzalez', 'Whitaker', 'Raman', 'Okafor', 'Bennett', 'Haddad', 'Kowalski', 'Moreau', 'Bello', 'Turner', 'Rossi', 'Fischer', 'Lindqvist', 'Alvarez', 'Chen', 'Price', 'Novak', 'Brooks', 'Sato', 'Grant', 'Keller', 'Duarte', 'Mercer', 'Ivanova'];
const GROUPS = ['client', 'client', 'agent', 'inspector', 'client', 'lender'];
const TAGS = [['buyer', 'pre-approved'], ['seller'], ['buyer'], ['hot lead'], ['investor', 'buyer'], ['referral'], ['seller', 'listing'], []];

export const DEMO_CONTACTS: DemoContact[] = FIRST.map((first, i) => ({
  firstName: first,
  lastName: LAST[i]!,
  phone: `+1555020${String(i).padStart(4, '0')}`,
  email: i % 5 === 3 ? null : `${first.toLowerCase()}.${LAST[i]!.toLowerCase()}@example.com`,
  group: GROUPS[i % GROUPS.length]!,
  tags: TAGS[i % TAGS.length]!,
}));

/** One thread item, minutes before "now" (the newest item decides the list order). */
export interface ScriptItem {
  ago: number;
  kind: 'message' | 'note' | 'activity' | 'call';
  channel?: Channel;
  direction?: 'inbound' | 'outbound';
  /** Index into DEMO_AGENTS for outbound items and notes; automation when absent. */
  agent?: number;
  automation?: string;
  body: string;
  subject?: string;
  meta?: Record<string, unknown>;
  /** Agents (DEMO_AGENTS indexes) a note @mentions. */
  mentions?: number[];
  /** A call's recording, by its file name (the sandbox's made-up audio). */
  recording?: string;
  /** An email's HTML body, beside its text in `body`. */
  html?: string;
}

/**
 * A realistic HTML email: a table layout, a sender's logo and a tracking pixel hosted elsewhere
 * (which the thread holds back until the agent asks), and the quoted message it answers.
 */
const SIGNED_DOCUMENTS_HTML = `<!doctype html><html><body style="font-family: Georgia, serif; color: #222">
<table role="presentation" width="100%"><tr><td><img src="https://mail.cedar-court-escrow.example/logo.png" alt="Cedar Court Escrow" width="120"></td></tr>
<tr><td><p><strong>Signed documents attached. Thank you both!</strong></p><p>The purchase agreement and the disclosure packet are attached. Closing stays set for <em>the 28th</em>.</p>
<p><a href="https://cedar-court-escrow.example/track/8841">Track the file</a>, or reply here with questions.</p>
<p>Maria</p></td></tr></table>
<blockquote style="border-left: 3px solid #ccc; margin: 0; padding-left: 12px; color: #666">We would like to submit an offer at asking. What are the next steps?</blockquote>
<img src="https://t.cedar-court-escrow.example/open.gif?id=8841" width="1" height="1" alt="">
</body></html>`;

const HOUR = 60;
const DAY = 24 * HOUR;

/** Threads, reused across contacts with their own time offsets. */
export const SCRIPTS: ScriptItem[][] = [
  [
    { ago: 3 * DAY, kind: 'message', channel: 'sms', direction: 'inbound', body: 'Hi! Is the 3-bed on Maple Street still available?', meta: { via: 'rcs' } },
    { ago: 3 * DAY - 20, kind: 'message', channel: 'sms', direction: 'outbound', agent: 0, body: 'It is! Would you like to see it this weekend?' },
    { ago: 3 * DAY - 5, kind: 'note', agent: 0, body: 'Pre-approved up to $650k. Prefers Saturday mornings.' },
    { ago: 30, kind: 'message', channel: 'sms', direction: 'inbound', body: 'Saturday at 10 works. Can my partner join?' },
  ],
  [
    { ago: 6 * DAY, kind: 'message', channel: 'email', direction: 'inbound', subject: 'Listing agreement', body: 'Attached are my questions about the listing agreement. When can we talk?' },
    { ago: 6 * DAY - 90, kind: 'message', channel: 'email', direction: 'outbound', agent: 1, subject: 'Re: Listing agreement', body: 'Happy to walk you through it. How about Thursday at 4pm?' },
    { ago: 5 * DAY, kind: 'activity', automation: 'Auto', body: 'Appointment booked: listing consultation, Thu 4:00 PM', meta: { link: '/appointments/1042' } },
    { ago: 2 * HOUR, kind: 'message', channel: 'email', direction: 'outbound', agent: 1, subject: 'Comparable sales', body: 'Here are three comparable sales from the last 90 days.' },
  ],
  [
    { ago: 2 * DAY, kind: 'message', channel: 'whatsapp', direction: 'inbound', body: 'Hola! I saw the open house post. Any parking?' },
    { ago: 2 * DAY - 10, kind: 'message', channel: 'whatsapp', direction: 'outbound', agent: 0, body: 'Yes, two spots in the garage plus street parking.' },
    { ago: 50, kind: 'message', channel: 'whatsapp', direction: 'inbound', body: 'Perfect, see you Sunday 🙂' },
  ],
  [
    { ago: 9 * DAY, kind: 'call', channel: 'call', direction: 'inbound', body: 'Incoming call', meta: { outcome: 'answered', durationSeconds: 252 } },
    { ago: 9 * DAY - 6, kind: 'note', agent: 1, body: 'Wants to sell in spring; needs a roof inspection first.' },
    { ago: 4 * DAY, kind: 'activity', automation: 'Auto', body: 'Inspection scheduled: 14 Harbor Lane, roof and attic', meta: { link: '/inspections/88' } },
    { ago: 2 * DAY, kind: 'call', channel: 'call', direction: 'inbound', body: 'Incoming call', meta: { outcome: 'voicemail', durationSeconds: 2 }, recording: 'voicemail.wav' },
    { ago: 4 * HOUR, kind: 'call', channel: 'call', direction: 'outbound', agent: 1, body: 'Outgoing call', meta: { outcome: 'answered', durationSeconds: 100 } },
  ],
  [
    { ago: 1 * DAY, kind: 'message', channel: 'chat', direction: 'inbound', body: 'Do you handle rentals as well as sales?' },
    { ago: 1 * DAY - 2, kind: 'message', channel: 'chat', direction: 'outbound', agent: 0, body: 'We do! What area are you looking in?' },
    { ago: 15, kind: 'message', channel: 'chat', direction: 'inbound', body: 'Downtown, ideally near the river. Budget around $2,400.' },
  ],
  [
    { ago: 26 * DAY, kind: 'message', channel: 'sms', direction: 'outbound', automation: 'Auto', body: 'Thanks for visiting 22 Birch Ave! Reply with any questions.', meta: { link: '/showings/22-birch-ave', linkLabel: 'Showing: 22 Birch Ave' } },
    { ago: 25 * DAY, kind: 'message', channel: 'sms', direction: 'inbound', body: 'What are the HOA fees?' },
    { ago: 25 * DAY - 30, kind: 'message', channel: 'sms', direction: 'outbound', agent: 1, body: '$180/month, covering landscaping and snow removal.' },
  ],
  [
    { ago: 20 * DAY, kind: 'message', channel: 'email', direction: 'inbound', subject: 'Offer on Cedar Court', body: 'We would like to submit an offer at asking. What are the next steps?' },
    { ago: 20 * DAY - 60, kind: 'note', agent: 0, body: '@Sam Patel can you prepare the offer paperwork?', mentions: [1] },
    { ago: 19 * DAY, kind: 'activity', automation: 'Auto', body: 'Opportunity moved to "Under contract" ($540,000)', meta: { link: '/opportunities/311' } },
    {
      ago: 3 * HOUR,
      kind: 'message',
      channel: 'email',
      direction: 'inbound',
      subject: 'Re: Offer on Cedar Court',
      body: 'Signed documents attached. Thank you both!\n\nThe purchase agreement and the disclosure packet are attached. Closing stays set for the 28th. Track the file at https://cedar-court-escrow.example/track/8841, or reply here with questions.\n\nMaria',
      html: SIGNED_DOCUMENTS_HTML,
    },
  ],
  [
    { ago: 7 * HOUR, kind: 'message', channel: 'sms', direction: 'inbound', body: 'Running 10 minutes late for the showing, sorry!' },
  ],
];
