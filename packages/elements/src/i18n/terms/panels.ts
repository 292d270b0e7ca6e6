// English for the lazily loaded panels: the composer, the contact panel, the connection banner
// and the row menu. Each element's module imports this file, so these words travel with them.
import { defineTerms } from '../localize.js';

export const panelTerms = defineTerms({
  // <conv-composer>
  composerLabel: 'Message',
  composerNoteLabel: (label: string) => `${label} (internal note)`,
  composerNotePlaceholder: 'Write an internal note: only your team sees it',
  composerReplyBy: (channel: string) => `Reply by ${channel}`,
  composerChannel: 'Reply channel',
  composerNote: 'Note',
  composerOffline: 'Offline: sending resumes when reconnected',
  composerAddNote: 'Add note',
  composerSend: 'Send',
  composerNotSent: (reason: string) => `Not sent: ${reason || 'something went wrong'}`,
  composerChannelUnavailable: (channel: string) => `${channel} (cannot send now)`,
  composerSmsCount: { one: '# SMS', other: '# SMS' },
  composerSmsLeft: { one: '# character left', other: '# characters left' },
  composerSmsUnicode: (characters: string) => `Unicode because of ${characters}: 70 characters per SMS, 67 when split`,
  consentFlagged: (text: string) => `This contact may have asked to stop messages: “${text}”`,
  consentConfirmOptOut: 'Confirm opt-out',
  consentDismiss: 'Not an opt-out',

  // <contact-panel>
  contactNone: 'No contact selected.',
  contactError: (reason: string) => (reason ? `Could not load the contact: ${reason}` : 'Could not load the contact.'),
  contactMissing: 'No such contact.',
  contactLoading: 'Loading contact…',
  contactCard: 'Contact',
  contactPhone: 'Phone',
  callStart: 'Call',
  callCalling: 'Calling…',
  callCancel: 'Cancel',
  callChangePhone: 'Change my phone',
  callNoPhone: 'This contact has no phone number.',
  callYourPhone: 'Your phone, to ring you first',
  callYourPhoneHelp: 'We ring this phone, then connect you to the contact. It is kept for your next calls.',
  callPlaced: 'Your phone will ring first, then the contact’s. The call is logged in the thread.',
  callRefused: (reason: string) => (reason ? `The call was not placed: ${reason}` : 'The call was not placed.'),
  contactEmail: 'Email',
  contactGroup: 'Group',
  contactTags: 'Tags',
  contactEmpty: 'None',

  // <conv-connection-status>
  statusReconnecting: 'Connection lost. Reconnecting…',
  statusCatchingUp: 'Reconnected. Catching up on what changed…',
  statusOffline: 'Offline. Messages will not update until the connection is back.',
  statusSignedOut: 'Signed out: the server refused this session. Sign in again to see new messages.',
  statusPaused: 'Paused: this page sent too many actions too fast. Reconnecting in a moment…',
  statusThrottled: 'Slowing down: too many actions at once. They will go through in a moment.',

  // <conv-row-menu>
  menuFor: (name: string) => (name ? `Actions for ${name}` : 'Actions for this conversation'),
  menuGone: 'This conversation is gone.',
  menuAssign: 'Assign…',
  menuAssignTo: 'Assign to',
  menuLabels: 'Labels…',
  menuLabelsTitle: 'Labels',
  menuNoLabels: 'No labels yet.',
  menuDelete: 'Delete…',
  menuBack: 'Back to actions',
  menuDeleteTitle: 'Delete this conversation?',
  menuDeleteText: (name: string) =>
    `The conversation with ${name || 'this contact'} and all its messages will be deleted permanently, for everyone. This cannot be undone.`,
  menuCancel: 'Cancel',
  menuDeleteConfirm: 'Delete permanently',
  menuWhatAssign: 'assign',
  menuWhatUnassign: 'unassign',
  menuWhatAddLabel: 'add the label',
  menuWhatRemoveLabel: 'remove the label',
  menuWhatDelete: 'delete it',
});
