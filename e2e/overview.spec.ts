import { expect, test } from '@playwright/test';
import { demoSrs, expectNoHorizontalScroll, login, shot } from './helpers';

test('the overview shows the demo pool and its SRs once the first collection is stored', async ({ page }, testInfo) => {
  await login(page);
  const srs = await demoSrs(page.request);
  const demo = page.locator('section.pool-demo');
  await expect(demo.locator('h2 .badge-demo')).toHaveText('Demo');
  await expect(demo.getByText('This is a simulated pool')).toBeVisible();
  await expect(demo.locator('.collection')).toContainText(/Collected|collection/);
  for (const sr of srs) await expect(demo.getByRole('link', { name: sr.nameLabel, exact: true })).toBeVisible();
  await expect(page.getByText(/Updated (just now|\d+ s ago)/)).toBeVisible();
  await expect(page.getByRole('banner').locator('.badge-demo')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'overview');
});

test('the overview sorts SRs by urgency: no OK SR above one that needs action', async ({ page }) => {
  await login(page);
  await demoSrs(page.request);
  const rank = { 'Act now': 0, Watch: 1, 'No data': 2, OK: 3 } as Record<string, number>;
  const badges = await page.locator('section.pool-demo tbody .badge').allTextContents();
  const ranks = badges.map((b) => rank[b]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});

test('an SR whose long chain is pinned by snapshots is flagged, though XO would still back it up', async ({ page }) => {
  await login(page);
  await demoSrs(page.request);
  const row = page.locator('section.pool-demo tbody tr').filter({ has: page.getByRole('link', { name: 'EqualLogic PS6000', exact: true }) });
  await expect(row.locator('.badge')).toHaveText('Watch', { timeout: 45_000 });
  await expect(row).toContainText(/\d+ snapshots pin the chain of legacy-app system \(\d+ VHDs\).*the GC cannot shorten/);
  // The SR page says the same.
  await row.getByRole('link', { name: 'EqualLogic PS6000', exact: true }).click();
  const head = page.locator('.sr-urgency');
  await expect(head.locator('.badge')).toHaveText('Watch');
  await expect(head).toContainText('snapshots pin the chain of legacy-app system');
  // Its forecast shows the chain as a warning card (it is as long as the badge counts).
  const pinned = page.getByRole('list', { name: 'Chains pinned by snapshots' }).getByRole('listitem');
  await expect(pinned.filter({ hasText: 'legacy-app system' })).toContainText(/Pinned.*snapshots pin the chain of legacy-app system \(\d+ VHDs\)/s);
});
