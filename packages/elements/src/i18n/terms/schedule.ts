// English for scheduling a message: the composer's Schedule and the thread's edit of a scheduled
// message. Loaded with whichever of them comes first.
import { defineTerms } from '../localize.js';

export const scheduleTerms = defineTerms({
  sendAt: 'Send at',
  sendTimeMissing: 'Pick a date and time.',
  sendTimePassed: 'That time has passed: pick a later one.',
  sendTimeTooFar: 'At most a year ahead: pick an earlier time.',
  sendTimeYours: (time: string) => `Your time: ${time}`,
  sendTimeTheirs: (time: string) => `Their time: ${time}`,
  composerSchedule: 'Schedule…',
  composerScheduleSend: 'Schedule send',
  composerScheduleClose: 'Cancel',
  statusScheduledFor: (time: string) => `Scheduled for ${time}`,
  scheduledEdit: 'Edit',
  scheduledCancel: 'Cancel sending',
  scheduledSave: 'Save',
  scheduledDiscard: 'Discard',
  scheduledText: 'Text',
  scheduledTemplateText: "A template's text is the one WhatsApp approved: only its time can change.",
  scheduledNotChanged: (reason: string) => `Not changed: ${reason || 'something went wrong'}`,
});
