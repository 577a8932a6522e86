import { expect, test } from '@playwright/test';
import { demoSrs, expectNoHorizontalScroll, login, shot } from './helpers';

test('the SR page shows the backlog chart, the chains and the GC activity', async ({ page }, testInfo) => {
  await login(page);
  const [sr] = await demoSrs(page.request);
  await page.getByRole('link', { name: sr.nameLabel, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/sr/${sr.uuid}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(sr.nameLabel);
  await expect(page.getByRole('heading', { name: 'Coalesce backlog and longest chain' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby="backlog"] figcaption')).toContainText('Now:');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  const chains = page.locator('table.chains-table tbody tr');
  await expect(chains.first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'GC activity' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Coalesce speed' })).toBeVisible();
  await page.getByRole('button', { name: '6 h' }).click();
  await expect(page.getByRole('button', { name: '6 h' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'sr');
});

test('the chains export as CSV and JSON', async ({ page }) => {
  await login(page);
  const [sr] = await demoSrs(page.request);
  const csv = await page.request.get(`/api/srs/${sr.uuid}/chains.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toContain(`chains-${sr.uuid}.csv`);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toMatch(/^srUuid,srName,leafUuid,leafName,/);
  expect(lines.length).toBeGreaterThan(1);
  const json = (await (await page.request.get(`/api/srs/${sr.uuid}/chains.json`)).json()) as { sr: { uuid: string }; chains: unknown[] };
  expect(json.sr.uuid).toBe(sr.uuid);
  expect(json.chains).toHaveLength(lines.length - 1);
});

test('an SR nobody watches is said in words, not a blank page', async ({ page }) => {
  await login(page);
  await page.goto('/sr/00000000-0000-4000-8000-000000000000');
  await expect(page.locator('main').getByRole('alert')).toContainText('No watched pool has an SR with this uuid.');
  await page.goto('/sr/not-a-uuid');
  await expect(page.getByText(/could not be found/i)).toBeVisible();
});
