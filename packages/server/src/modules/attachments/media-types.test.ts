// What a file is kept and served as, whatever it was called; which addresses a media fetch never
// goes to; which hosts are Twilio's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseType, checkedType, isInline, providerMediaName } from './media-types.js';
import { isPrivateAddress, isTwilioMediaUrl } from './provider-media-fetch.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe('media types', () => {
  it('keep a declared picture type only when the bytes agree', () => {
    assert.equal(checkedType('image/jpeg', JPEG), 'image/jpeg');
    assert.equal(checkedType('IMAGE/PNG; charset=binary', PNG), 'image/png');
    assert.equal(checkedType('image/png', JPEG), 'application/octet-stream');
    assert.equal(checkedType('image/gif', Buffer.from('<svg onload=alert(1)>')), 'application/octet-stream');
  });

  it('never keep a type a browser would run as a page', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/javascript', 'application/xml']) assert.equal(checkedType(type, Buffer.from('<x>')), 'application/octet-stream', type);
    assert.equal(checkedType('text/vcard', Buffer.from('BEGIN:VCARD')), 'text/vcard');
  });

  it('read unreadable types as bytes, and show inline only pictures, audio and video', () => {
    assert.equal(baseType('not a type'), 'application/octet-stream');
    assert.equal(baseType(`image/${'x'.repeat(100)}`), 'application/octet-stream');
    assert.equal(isInline('image/jpeg'), true);
    assert.equal(isInline('application/pdf'), false);
    assert.equal(isInline('application/octet-stream'), false);
    assert.equal(providerMediaName('image/jpeg', 0), 'photo-1.jpg');
    assert.equal(providerMediaName('text/x-vcard', 2), 'file-3.vcf');
  });

  it('refuse private, loopback, link-local and mapped addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:0:4136:e378::1', 'not-an-ip']) assert.equal(isPrivateAddress(address), true, address);
    for (const address of ['54.172.60.1', '8.8.8.8', '2600:1f18::1']) assert.equal(isPrivateAddress(address), false, address);
  });

  it('know Twilio’s media hosts', () => {
    assert.equal(isTwilioMediaUrl(new URL('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1')), true);
    assert.equal(isTwilioMediaUrl(new URL('https://media.twiliocdn.com/AC1/x')), true);
    assert.equal(isTwilioMediaUrl(new URL('https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC1/x')), true);
    assert.equal(isTwilioMediaUrl(new URL('https://s3-external-1.amazonaws.com/attacker-bucket/x')), false);
    assert.equal(isTwilioMediaUrl(new URL('https://api.twilio.com.evil.example/x')), false);
    assert.equal(isTwilioMediaUrl(new URL('https://eviltwiliocdn.com/x')), false);
  });
});
