import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { E2E_PASSWORD, E2E_USER } from '../playwright.config';

export const FIXTURES = new URL('../test/fixtures/', import.meta.url);

export async function login(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Name').fill(E2E_USER);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/$/);
}

interface PoolsAnswer {
  pools: { name: string; demo: boolean; srs: { uuid: string; nameLabel: string; latest: unknown }[] }[];
}

/** Waits until the collector has stored the demo pool and chain data for its SRs; returns them. */
export async function demoSrs(request: APIRequestContext): Promise<{ uuid: string; nameLabel: string }[]> {
  let srs: { uuid: string; nameLabel: string }[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/pools');
        if (!res.ok()) return `HTTP ${res.status()}`;
        const demo = ((await res.json()) as PoolsAnswer).pools.find((p) => p.demo);
        srs = demo?.srs.filter((sr) => sr.latest !== null) ?? [];
        return srs.length > 0 ? 'stored' : 'waiting';
      },
      { timeout: 90_000, message: 'the first collection of the demo pool should be stored' },
    )
    .toBe('stored');
  return srs;
}

/** The page must never scroll sideways (wide content scrolls inside its own box). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** With SHOTS_DIR set, keeps a full-page screenshot per page and project for a person to look at. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}-${testInfo.project.name}.png`, fullPage: true });
}
