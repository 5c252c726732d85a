import fc from 'fast-check';
import { ClockBounds } from '../../bot/proactive/clock-bounds';

/** Statements as a database at `offset` ms from this clock would answer them: each reads its clock somewhere inside its round trip. */
const statements = fc.array(
  fc.record({ gap: fc.double({ min: 0, max: 300, noNaN: true }), there: fc.double({ min: 0, max: 40, noNaN: true }), back: fc.double({ min: 0, max: 40, noNaN: true }) }),
  { minLength: 1, maxLength: 60 },
);

describe('bounds on the offset between the database clock and ours', () => {
  test('whatever the delays each way, the true offset lies between low() and high()', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), statements, (offset, trips) => {
        const bounds = new ClockBounds();
        let now = 1_000;
        for (const trip of trips) {
          now += trip.gap;
          const sent = now;
          const at = sent + trip.there + offset;
          now = sent + trip.there + trip.back;
          bounds.observe(sent, now, at);
          expect(bounds.low(now)).toBeLessThanOrEqual(offset + 1e-6);
          expect(bounds.high(now)).toBeGreaterThanOrEqual(offset - 1e-6);
        }
      }),
    );
  });

  test('the fastest recent round trip decides, so one slow statement does not widen them', () => {
    const bounds = new ClockBounds();
    // Offset 500: a 1 ms round trip, then one of 40 ms.
    bounds.observe(100, 101, 600.5);
    bounds.observe(200, 240, 730);
    expect(bounds.low(240)).toBeCloseTo(499.5, 1);
    expect(bounds.high(240)).toBeCloseTo(500.5, 1);
  });

  test('older observations count for less (the clocks may drift), and past keepMs not at all', () => {
    const bounds = new ClockBounds(2_000, 1e-3);
    bounds.observe(0, 1, 500.5);
    // A second later the same observation allows a millisecond of drift either way.
    expect(bounds.low(1_001)).toBeCloseTo(499.5 - 1, 3);
    expect(bounds.high(1_000)).toBeCloseTo(500.5 + 1, 3);
    bounds.observe(3_000, 3_030, 3_520);
    expect(bounds.low(3_030)).toBeCloseTo(490, 3);
    // The old one is gone; the new one, 30 ms old since it was sent, widens by 0.03 ms.
    expect(bounds.high(3_030)).toBeCloseTo(520.03, 3);
  });

  test('before any observation there are no bounds, and a nonsensical one is ignored', () => {
    const bounds = new ClockBounds();
    expect(bounds.low(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(bounds.high(0)).toBe(Number.POSITIVE_INFINITY);
    bounds.observe(10, 5, 100);
    bounds.observe(10, 12, Number.NaN);
    expect(bounds.low(20)).toBe(Number.NEGATIVE_INFINITY);
  });
});
