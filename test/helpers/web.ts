import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-data.js';

/** A browser profile signed in to the web app, and its page. */
export interface Session {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser profile (1280×900, the language's locale) signed in as `email` through the sign-in form at
 * `base`, in `lang`; it waits for the signed-in page (its sign-out button). The context is pushed to `open` for
 * the test file to close.
 */
export async function signInAt(
  browser: Browser,
  base: string,
  email: string,
  lang: 'vi' | 'en',
  options: { open?: BrowserContext[]; password?: string; context?: BrowserContextOptions; initScript?: () => void } = {},
): Promise<Session> {
  const context = await browser.newContext({ locale: lang === 'vi' ? 'vi-VN' : 'en-GB', viewport: { width: 1280, height: 900 }, ...options.context });
  options.open?.push(context);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(`${base}/?lang=${lang}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(lang === 'vi' ? 'Mật khẩu' : 'Password').fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: lang === 'vi' ? 'Đăng nhập' : 'Sign in' }).click();
  await page.getByRole('button', { name: lang === 'vi' ? 'Đăng xuất' : 'Sign out' }).waitFor();
  return { context, page };
}

/** axe-core's serious and critical violations on the page as it is, each as `rule: targets`. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n: { target: unknown[] }) => n.target.join(' ')).join(', ')}`);
}
