import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoSrs, expectNoHorizontalScroll, FIXTURES, login } from './helpers';

// On a phone (project "phone", a Pixel 7) the page never scrolls sideways: tables turn into
// cards, and the deep tree scrolls inside its own box.
test('no page scrolls sideways', async ({ page }) => {
  await login(page);
  await expectNoHorizontalScroll(page);
  await page.goto('/analyze');
  await page.getByLabel(/Paste/).fill(readFileSync(new URL('forum-lvm-sr-tree.vhd-util-scan.txt', FIXTURES), 'utf8'));
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.locator('.tree-row')).toHaveCount(31);
  await expectNoHorizontalScroll(page);
  const [sr] = await demoSrs(page.request);
  await page.goto(`/sr/${sr.uuid}`);
  await expect(page.locator('table.chains-table tbody tr').first()).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('on a phone the SR table becomes cards with labelled values', async ({ page, isMobile }) => {
  test.skip(!isMobile, 'phone layout only');
  await login(page);
  await demoSrs(page.request);
  await page.reload();
  const firstCell = page.locator('section.pool-demo tbody tr').first().locator('td[data-label="Longest chain"]');
  await expect(firstCell).toBeVisible();
  expect(await page.locator('section.pool-demo thead').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
});
