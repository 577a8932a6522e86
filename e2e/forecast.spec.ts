import { expect, test } from '@playwright/test';
import { demoSrs, expectNoHorizontalScroll, login, shot } from './helpers';

const VERDICTS = /^(Runs|Will be skipped|Snapshot fails|Unknown)$/;

test('the overview shows the demo pool’s next backups, each with a verdict', async ({ page }, testInfo) => {
  await login(page);
  const srs = await demoSrs(page.request);
  const section = page.getByRole('region', { name: 'Next backups' });
  await expect(section).toBeVisible();
  const items = section.getByTestId('next-backup');
  // The forecast is computed from what the collector stored: wait for its VMs.
  await expect.poll(() => items.count(), { timeout: 90_000, message: 'the demo pool’s VMs should get a forecast' }).toBeGreaterThan(0);
  await expect(items.first().locator('.badge')).toHaveText(VERDICTS);
  await expect(items.first()).toContainText(/confidence: \w+ \(\d+%\)/);
  // Failing snapshots and skipped backups come first.
  const rank = { 'Snapshot fails': 0, 'Will be skipped': 1, Unknown: 2, Runs: 3 } as Record<string, number>;
  const ranks = (await items.locator('.badge').allTextContents()).map((b) => rank[b]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'forecast-overview');

  await page.getByRole('link', { name: srs[0].nameLabel, exact: true }).first().click();
  const forecast = page.getByRole('region', { name: 'Forecast' });
  // The terms, not a sentence that names them (an SR with a backlog says its speed is unknown).
  await expect(forecast.getByRole('term').filter({ hasText: /^Coalesce speed$/ })).toBeVisible();
  await expect(forecast.getByRole('term').filter({ hasText: /^Backlog cleared$/ })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'forecast-sr');
});

test('an SR page reads only its SR’s share of the pool forecast; a malformed SR uuid is refused', async ({ page }) => {
  await login(page);
  const [sr] = await demoSrs(page.request);
  const pools = (await (await page.request.get('/api/pools')).json()) as { pools: { id: number; demo: boolean }[] };
  const poolId = pools.pools.find((p) => p.demo)!.id;
  // A page of its own: the overview left open by the login polls the pool forecast.
  const srPage = await page.context().newPage();
  const share = srPage.waitForResponse((res) => res.url().endsWith(`/api/pools/${poolId}/forecast?sr=${sr.uuid}`));
  const wholePool: string[] = [];
  srPage.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('/forecast') && url.search === '') wholePool.push(req.url());
  });
  await srPage.goto(`/sr/${sr.uuid}`);
  const body = (await (await share).json()) as Record<string, unknown>;
  expect(body).toMatchObject({ poolId, srUuid: sr.uuid });
  // Per-VM backups belong to the overview: the SR page does not download them.
  expect(body).not.toHaveProperty('skips');
  await expect(srPage.getByRole('region', { name: 'Forecast' }).getByRole('term').filter({ hasText: /^Backlog cleared$/ })).toBeVisible();
  await expect(srPage.locator('.sr-urgency')).toBeVisible();
  expect(wholePool, 'the SR page should not download the whole pool forecast').toEqual([]);
  const bad = await page.request.get(`/api/pools/${poolId}/forecast?sr=${encodeURIComponent('../1; drop')}`);
  expect(bad.status()).toBe(400);
});
