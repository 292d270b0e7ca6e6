// What files each channel carries: one table, which the composer checks before it uploads and
// the server checks again before it sends, so both refuse the same files for the same reason.
// Twilio's limits: an MMS carries at most 10 files of 5 MB in all; a WhatsApp message one file
// of at most 16 MB. Email takes 25 MB in all.
import type { Channel } from './models.js';

export interface ChannelFileRules {
  maxFiles: number;
  maxTotalBytes: number;
  /** Types the channel carries; anything else is refused with the type named. */
  accepts(type: string): boolean;
  /** The channel's name in a refusal: "MMS takes at most 5 MB in all". */
  label: string;
}

const MB = 1024 * 1024;
const MEDIA = (type: string) => /^(image|video|audio)\//.test(type);
const MMS_DOCUMENTS = new Set(['application/pdf', 'text/vcard', 'text/x-vcard', 'text/calendar']);
const WHATSAPP_DOCUMENTS = new Set(['application/pdf']);

/** By the channel a message goes out on (an SMS with files goes as MMS), or `note`. */
export const CHANNEL_FILES: Partial<Record<Channel | 'note', ChannelFileRules>> = {
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

/** Why a channel refuses a message's files: the error code the server answers with, and the limit. */
export type FileRefusal =
  | { code: 'unsupported_media_type'; channel: string; file?: string; type?: string }
  | { code: 'too_long'; channel: string; limit: number }
  | { code: 'too_large'; channel: string; limit: number; total: number };

/**
 * Whether a message on `channel` (null, or `kind: 'note'`, for a note) may carry these files;
 * `channel` is the one it goes out on (an SMS with files goes as MMS). Null when it may.
 */
export function refuseFiles(channel: Channel | null, kind: 'message' | 'note', files: ReadonlyArray<{ name: string; type: string; size: number }>): FileRefusal | null {
  if (files.length === 0) return null;
  const sending = channel === 'sms' ? 'mms' : channel;
  const rules = CHANNEL_FILES[kind === 'note' ? 'note' : (sending ?? 'note')];
  if (!rules) return { code: 'unsupported_media_type', channel: sending ?? 'note' };
  if (files.length > rules.maxFiles) return { code: 'too_long', channel: rules.label, limit: rules.maxFiles };
  const refused = files.find((f) => !rules.accepts(f.type));
  if (refused) return { code: 'unsupported_media_type', channel: rules.label, file: refused.name, type: refused.type };
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > rules.maxTotalBytes) return { code: 'too_large', channel: rules.label, limit: rules.maxTotalBytes, total };
  return null;
}
