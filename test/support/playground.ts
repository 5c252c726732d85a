/**
 * Launches the Microsoft 365 Agents Playground for end-to-end tests that drive its web UI in
 * Chromium. Offline: no telemetry, no browser of its own, and `loopbackOnly` keeps the page from
 * fetching its web fonts from a CDN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startPlaygroundProcess } from '../../scripts/lib/playground-process';
import { chromiumArgs as baseChromiumArgs } from './browser';

export interface Playground {
  /** Base URL of the Playground's web UI, e.g. http://127.0.0.1:56150 */
  url: string;
  stop(): Promise<void>;
}

/** Selectors of the Playground UI (version 0.2.28), found by driving it in Chromium. */
export const playgroundSelectors = {
  /** The message box: a contenteditable div. Click it, then type with page.keyboard. */
  messageBox: '[role="textbox"]',
  sendButton: 'button[aria-label="Send Message"]',
  /** Each message from the bot is rendered in one of these cards. */
  botMessage: '.fai-OutputCard',
  /** Conversations in the left pane, by their name in .m365agentsplayground.yml. */
  conversation: (name: string) => `[role="treeitem"][aria-label="${name}"]`,
} as const;

/** Chromium flags for a headless run that never leaves the machine: the shared flags, and no DNS. */
export const chromiumArgs = [...baseChromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];

/** Aborts every request that is not for this machine (the UI asks a CDN for Segoe UI fonts). */
export async function loopbackOnly(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
    (route) => route.abort(),
  );
}

/** The Playground's own configuration, the one `npm run dev:playground` uses. */
export const defaultPlaygroundConfig = join(__dirname, '..', '..', '.m365agentsplayground.yml');

/**
 * Starts the Playground as the demo user of .m365agentsplayground.yml (or of `configPath`, a
 * copy with another current user); port 0 picks a free port.
 */
export async function startPlayground({ botEndpoint, port = 0, configPath = defaultPlaygroundConfig }: { botEndpoint: string; port?: number; configPath?: string }): Promise<Playground> {
  const logDir = mkdtempSync(join(tmpdir(), 'kansrijk-playground-'));
  try {
    const running = await startPlaygroundProcess({
      botEndpoint,
      port,
      configPath,
      logFile: join(logDir, 'playground.log'),
    });
    return {
      url: running.url,
      stop: async () => {
        await running.stop();
        rmSync(logDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(logDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Chatting in the Playground as its current user. `say` returns the bubble it sent, found by
 * position: the same text said twice would otherwise find the first bubble at once, and a
 * message that never left the box would go unnoticed.
 */
export function playgroundChat(page: Page, timeout: number) {
  const box = page.locator(playgroundSelectors.messageBox);
  /** The user's own bubbles with exactly this text: a message whose header names no author. */
  const bubbles = (text: string) =>
    page.locator(`xpath=//div[@aria-label="Message header" and not(div[@aria-label="Message author"])]/following-sibling::div[normalize-space(.)=${JSON.stringify(text)}]`);

  /** The bot's messages drawn after `mine`, in order. */
  const repliesTo = (mine: Locator): Locator => {
    const outputCard = playgroundSelectors.botMessage.replace(/^\./, '');
    return mine.locator(`xpath=following::div[contains(concat(" ", normalize-space(@class), " "), " ${outputCard} ")]`);
  };

  return {
    repliesTo,

    async say(text: string): Promise<Locator> {
      const before = await bubbles(text).count();
      await box.click();
      await page.keyboard.type(text);
      await box.filter({ hasText: text }).waitFor({ timeout });
      await page.keyboard.press('Enter');
      const mine = bubbles(text).nth(before);
      await mine.waitFor({ timeout });
      return mine;
    },

    /**
     * Waits for a reply to `mine` that reads exactly `text`, wherever it falls among the replies
     * (a late message of the Playground's own may come first); when none does, the error says what
     * the bot did answer.
     */
    async replyReading(mine: Locator, text: string): Promise<Locator> {
      const reply = repliesTo(mine).getByText(text, { exact: true }).first();
      try {
        await reply.waitFor({ timeout });
      } catch (error) {
        const seen = await repliesTo(mine).allInnerTexts();
        throw new Error(`no reply reads ${JSON.stringify(text)}; the replies read ${JSON.stringify(seen)}`, { cause: error });
      }
      return reply;
    },

    /** A fact of a FactSet, by its title: the Playground draws titles and values as sibling cells. */
    fact(card: Locator, title: string): Locator {
      return card.locator(`xpath=.//div[contains(@class, "ac-fact-title")][normalize-space(.)=${JSON.stringify(title)}]/following-sibling::div[1]`);
    },
  };
}
