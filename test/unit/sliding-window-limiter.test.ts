import { SlidingWindowLimiter, conversationWindows, tenantWindows } from '../../bot/proactive/teams-rate-limits';

const tenant = [{ key: 'tenant:t1', windows: tenantWindows }];

describe("one process's sliding windows", () => {
  test('a recorded send counts until its answer plus the window, then frees its place', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(5, () => now);
    const answers = Array.from({ length: 48 }, () => limiter.record(tenant));
    expect(await limiter.room(tenant, 50)).toBe(2);
    now = 100;
    for (const answered of answers) answered();
    // Answered at 100: still counting at 1,104, gone at 1,106.
    expect(await limiter.room(tenant, 50, 1, 1_004)).toBe(2);
    expect(await limiter.room(tenant, 50, 1, 1_006)).toBe(50);
  });

  test('clearing out old chats never drops a send that still counts', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(5, () => now);
    // One send in flight to the tenant, never answered.
    limiter.record(tenant);
    // Two hours of one message to each of many chats: the clean-up runs every 1,000 sends.
    for (let i = 0; i < 2_000; i++) {
      now = i * 3_600;
      limiter.record([{ key: `conversation:c${i}`, windows: conversationWindows }])();
    }
    expect(await limiter.room(tenant, 50)).toBe(49);
    // The chat messaged last still has its hour-long window: 1,800 in an hour, one used.
    const last = [{ key: 'conversation:c1999', windows: conversationWindows }];
    expect(await limiter.room(last, 10)).toBe(6);
  });
});
