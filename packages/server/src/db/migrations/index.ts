import { Migration20261123Initial } from './Migration20261123Initial.js';
import { Migration20261124Triage } from './Migration20261124Triage.js';
import { Migration20261124Search } from './Migration20261124Search.js';
import { Migration20261130Limits } from './Migration20261130Limits.js';
import { Migration20261130ClaimsIssuedAt } from './Migration20261130ClaimsIssuedAt.js';
import { Migration20261130WriteKeys } from './Migration20261130WriteKeys.js';
import { Migration20261201SendAttempts } from './Migration20261201SendAttempts.js';
import { Migration20261201TwilioAccounts } from './Migration20261201TwilioAccounts.js';
import { Migration20261201Consent } from './Migration20261201Consent.js';
import { Migration20261201QuietHours } from './Migration20261201QuietHours.js';
import { Migration20261201SendInDoubt } from './Migration20261201SendInDoubt.js';
import { Migration20261201Attachments } from './Migration20261201Attachments.js';
import { Migration20261201ContactTimezone } from './Migration20261201ContactTimezone.js';
import { Migration20261201Voice } from './Migration20261201Voice.js';
import { Migration20261202WhatsAppUserId } from './Migration20261202WhatsAppUserId.js';
import { Migration20261202OpenCalls } from './Migration20261202OpenCalls.js';
import { Migration20261202CustomFields } from './Migration20261202CustomFields.js';
import { Migration20261202EmailHtml } from './Migration20261202EmailHtml.js';
import { Migration20261202Snippets } from './Migration20261202Snippets.js';
import { Migration20261202ServiceIdentities } from './Migration20261202ServiceIdentities.js';
import { Migration20261202Webhooks } from './Migration20261202Webhooks.js';
import { Migration20261202ContactCards } from './Migration20261202ContactCards.js';

/** Every migration in order. Listed explicitly: nothing is discovered at run time. */
export const migrationsList = [
  { name: 'Migration20261123Initial', class: Migration20261123Initial },
  { name: 'Migration20261124Triage', class: Migration20261124Triage },
  { name: 'Migration20261124Search', class: Migration20261124Search },
  { name: 'Migration20261130Limits', class: Migration20261130Limits },
  { name: 'Migration20261130ClaimsIssuedAt', class: Migration20261130ClaimsIssuedAt },
  { name: 'Migration20261130WriteKeys', class: Migration20261130WriteKeys },
  { name: 'Migration20261201SendAttempts', class: Migration20261201SendAttempts },
  { name: 'Migration20261201TwilioAccounts', class: Migration20261201TwilioAccounts },
  { name: 'Migration20261201Consent', class: Migration20261201Consent },
  { name: 'Migration20261201QuietHours', class: Migration20261201QuietHours },
  { name: 'Migration20261201SendInDoubt', class: Migration20261201SendInDoubt },
  { name: 'Migration20261201Attachments', class: Migration20261201Attachments },
  { name: 'Migration20261201ContactTimezone', class: Migration20261201ContactTimezone },
  { name: 'Migration20261201Voice', class: Migration20261201Voice },
  { name: 'Migration20261202WhatsAppUserId', class: Migration20261202WhatsAppUserId },
  { name: 'Migration20261202OpenCalls', class: Migration20261202OpenCalls },
  { name: 'Migration20261202CustomFields', class: Migration20261202CustomFields },
  { name: 'Migration20261202EmailHtml', class: Migration20261202EmailHtml },
  { name: 'Migration20261202Snippets', class: Migration20261202Snippets },
  { name: 'Migration20261202ContactCards', class: Migration20261202ContactCards },
  { name: 'Migration20261202ServiceIdentities', class: Migration20261202ServiceIdentities },
  { name: 'Migration20261202Webhooks', class: Migration20261202Webhooks },
];
