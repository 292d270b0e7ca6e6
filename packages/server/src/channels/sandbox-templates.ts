// The WhatsApp templates a workspace without a Twilio account offers, so the demo (and a host
// trying Convkit out) can answer a contact whose 24-hour window has closed. Shaped as Twilio's
// Content API reports them: three approved, one still waiting for WhatsApp's review.
import type { MessageTemplate } from '@convkit/sdk/protocol';

const template = (id: string, name: string, category: string, body: string, examples: string[], status: MessageTemplate['status'] = 'approved'): MessageTemplate => ({
  id,
  name,
  channel: 'whatsapp',
  language: 'en',
  category,
  body,
  variables: examples.map((example, index) => ({ key: String(index + 1), example })),
  status,
  rejectionReason: null,
});

export const SANDBOX_TEMPLATES: readonly MessageTemplate[] = [
  template('HX0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'appointment_reminder', 'UTILITY', 'Hi {{1}}, a reminder of your appointment on {{2}}. Reply here to confirm or to pick another time.', ['Customer_Name', 'Friday at 10am']),
  template('HX1b2c3d4e5f60718293a4b5c6d7e8f90a', 'follow_up', 'UTILITY', 'Hi {{1}}, following up on your enquiry about {{2}}. Is now a good time to talk?', ['Customer_Name', '14 Cedar Court']),
  template('HX2c3d4e5f60718293a4b5c6d7e8f90a1b', 'reopen_conversation', 'UTILITY', 'Hi {{1}}, we tried to reach you. Reply to this message to carry on the conversation.', ['Customer_Name']),
  template('HX3d4e5f60718293a4b5c6d7e8f90a1b2c', 'spring_open_house', 'MARKETING', 'Hi {{1}}, our spring open house is on {{2}}. Reply YES to save a place.', ['Customer_Name', 'Saturday 12 April'], 'pending'),
];
