// English for <conv-thread>: its header, states and the feed's items. Loaded with the thread.
import { defineTerms } from '../localize.js';

export const threadTerms = defineTerms({
  threadPickOne: 'Select a conversation to read it.',
  threadLoading: 'Loading messages…',
  threadError: (reason: string) => (reason ? `Could not load messages: ${reason}` : 'Could not load messages.'),
  threadRegion: (name: string) => (name ? `Messages with ${name}` : 'Messages'),
  threadLoadOlder: 'Load older messages',
  threadLoadingOlder: 'Loading…',
  threadEmpty: 'No messages yet.',
  threadNewMessage: (author: string, body: string) => `New message from ${author}: ${body}`,
  threadMore: 'More actions',

  statusSending: 'Sending…',
  statusScheduled: 'Scheduled',
  statusSent: 'Sent',
  statusDelivered: 'Delivered',
  statusRead: 'Read',
  statusUndelivered: (reason: string) => (reason ? `Not delivered: ${reason}` : 'Not delivered'),
  statusCanceled: 'Canceled',
  statusFailed: (reason: string) => (reason ? `Failed: ${reason}` : 'Failed'),
  activityOpen: 'Open',
  callOutgoing: 'Outgoing call',
  callIncoming: 'Incoming call',
  callMissed: 'Missed',
});
