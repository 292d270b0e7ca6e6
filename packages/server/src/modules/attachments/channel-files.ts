// What files each channel carries, checked before anything is sent (and again by nothing later:
// a message that passed goes as it is). Twilio's limits: an MMS carries at most 10 files of
// 5 MB in all; a WhatsApp message one file of at most 16 MB. Email takes 25 MB in all.
import type { Channel } from '@convkit/sdk/protocol';

export interface ChannelFiles {
  maxFiles: number;
  maxTotalBytes: number;
  /** Types the channel carries; anything else is refused with the type named. */
  accepts(type: string): boolean;
  /** How the limit reads to an agent: "MMS takes at most 5 MB in all". */
  label: string;
}

const MB = 1024 * 1024;
const MEDIA = (type: string) => /^(image|video|audio)\//.test(type);
const MMS_DOCUMENTS = new Set(['application/pdf', 'text/vcard', 'text/x-vcard', 'text/calendar']);
const WHATSAPP_DOCUMENTS = new Set(['application/pdf']);

export const CHANNEL_FILES: Partial<Record<Channel | 'note', ChannelFiles>> = {
  mms: { maxFiles: 10, maxTotalBytes: 5 * MB, accepts: (t) => MEDIA(t) || MMS_DOCUMENTS.has(t), label: 'MMS' },
  whatsapp: { maxFiles: 1, maxTotalBytes: 16 * MB, accepts: (t) => MEDIA(t) || WHATSAPP_DOCUMENTS.has(t), label: 'WhatsApp' },
  email: { maxFiles: 20, maxTotalBytes: 25 * MB, accepts: () => true, label: 'Email' },
  chat: { maxFiles: 10, maxTotalBytes: 25 * MB, accepts: () => true, label: 'Live chat' },
  facebook: { maxFiles: 1, maxTotalBytes: 25 * MB, accepts: () => true, label: 'Facebook Messenger' },
  instagram: { maxFiles: 1, maxTotalBytes: 8 * MB, accepts: (t) => MEDIA(t), label: 'Instagram' },
  note: { maxFiles: 10, maxTotalBytes: 25 * MB, accepts: () => true, label: 'An internal note' },
};

/** The largest file an upload may be: the most any channel takes. */
export const UPLOAD_MAX_BYTES = 25 * MB;

export const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
