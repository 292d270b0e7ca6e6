// What files each channel carries lives in the protocol (@convkit/sdk/protocol channel-files.ts),
// so that the composer refuses before uploading exactly what the server refuses before sending.
export { CHANNEL_FILES, UPLOAD_MAX_BYTES, megabytes, refuseFiles, type ChannelFileRules as ChannelFiles, type FileRefusal } from '@convkit/sdk/protocol';
