import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/*
 * What the Chromium tests of the tabs share: signing in as a demo user, opening a view and
 * waiting until it says it is ready, calling the API as that user, the axe check and the
 * sideways-scroll check.
 */

// Callbacks of page.evaluate run in the browser; the server's tsconfig has no DOM library.
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };
declare const sessionStorage: { setItem(key: string, value: string): void };

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface DevUser {
  tenantId: string;
  userId: string;
  name: string;
}

/** Signs the page in as a demo user, as the "Aanmelden als" page does, for every load that follows. */
export async function signIn(page: Page, user: DevUser): Promise<void> {
  await page.addInitScript((u) => sessionStorage.setItem('kansrijk.devUser', u), JSON.stringify(user));
}

/** A fresh load of a view (no state of an earlier test carries over), ready when it says so. */
export async function openView(page: Page, baseUrl: string, hash: string, view: string, query = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/tabs/index.html${query}${hash}`);
  await page.locator(`[data-view="${view}"][data-ready="true"]`).waitFor();
}

/** axe-core with the WCAG 2.1 A and AA rules; any violation fails with where it is. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact ?? ''}): ${v.help} → ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).join(' | ')}`,
  );
  expect({ view: name, violations }).toEqual({ view: name, violations: [] });
}

/** How far the page is wider than its window (0 when nothing scrolls sideways; a dialog that hides the scroll bar counts as 0). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return Math.max(0, await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** The API as one signed-in user: JSON in, status and parsed JSON (or undefined) out. */
export function apiAs(baseUrl: string, token: () => string) {
  return async <T>(method: string, url: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
