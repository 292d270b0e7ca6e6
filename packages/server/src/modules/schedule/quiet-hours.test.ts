import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isTimeZone, minutesOf, quietHoursEnd } from './quiet-hours.js';

describe('quiet hours', () => {
  const night = { start: '21:00', end: '08:00' };
  const at = (iso: string) => Date.parse(iso);

  it('hold from the start to the end of the window, across midnight, in the workspace’s zone', () => {
    // 22:30 in Chicago (CST, UTC-6) is 04:30 UTC: quiet until 08:00 Chicago, 14:00 UTC.
    assert.equal(quietHoursEnd(night, 'America/Chicago', at('2026-12-02T04:30:15.250Z')), at('2026-12-02T14:00:00.000Z'));
    // 07:59 Chicago: one minute left.
    assert.equal(quietHoursEnd(night, 'America/Chicago', at('2026-12-02T13:59:00Z')), at('2026-12-02T14:00:00Z'));
    // 08:00 and noon Chicago: not quiet.
    assert.equal(quietHoursEnd(night, 'America/Chicago', at('2026-12-02T14:00:00Z')), null);
    assert.equal(quietHoursEnd(night, 'America/Chicago', at('2026-12-02T18:00:00Z')), null);
    // The same instant is daytime in Tokyo.
    assert.equal(quietHoursEnd(night, 'Asia/Tokyo', at('2026-12-02T04:30:00Z')), null);
  });

  it('hold a window inside one day, and none at all when unset or empty', () => {
    const lunch = { start: '12:00', end: '13:30' };
    assert.equal(quietHoursEnd(lunch, 'UTC', at('2026-12-02T12:45:00Z')), at('2026-12-02T13:30:00Z'));
    assert.equal(quietHoursEnd(lunch, 'UTC', at('2026-12-02T13:30:00Z')), null);
    assert.equal(quietHoursEnd(null, 'UTC', at('2026-12-02T12:45:00Z')), null);
    assert.equal(quietHoursEnd({ start: '09:00', end: '09:00' }, 'UTC', at('2026-12-02T09:00:00Z')), null);
  });

  it('read clock times and zones strictly', () => {
    assert.equal(minutesOf('07:05'), 425);
    for (const bad of ['7:05', '24:00', '12:60', 'noon', '']) assert.equal(minutesOf(bad), null, bad);
    assert.equal(isTimeZone('Europe/Madrid'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
  });
});
