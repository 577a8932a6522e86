import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, FIXTURES, login, shot } from './helpers';

const forumTree = readFileSync(new URL('forum-lvm-sr-tree.vhd-util-scan.txt', FIXTURES), 'utf8');
const forumSmlog = readFileSync(new URL('forum-smlog-excerpt.log', FIXTURES), 'utf8');

test.beforeEach(async ({ page }) => {
  await login(page);
  await page.getByRole('link', { name: 'Analyze', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analyze a scan or SMlog');
});

test('the forum tree: findings first, 31 VHDs drawn 16 deep, the pinned chain named', async ({ page }, testInfo) => {
  await page.getByLabel(/Paste/).fill(forumTree + forumSmlog);
  await page.getByRole('button', { name: 'Analyze' }).click();
  const findings = page.locator('section[aria-labelledby="findings"]');
  await expect(findings).toContainText('31 VHDs, 15 base copies, in 1 tree; longest chain 16');
  await expect(findings.locator('.finding-warning')).toContainText('15 snapshots pin the chain');
  await expect(page.locator('.tree-row')).toHaveCount(31);
  await expect(page.locator('.tree-row.is-longest')).not.toHaveCount(0);
  await expect(page.locator('.tree-row .depth').getByText('15', { exact: true }).first()).toBeAttached();
  await expect(page.locator('section[aria-labelledby="smlog"]')).toContainText('Coalescing parent *734e9652');
  await expect(page.locator('section[aria-labelledby="smlog"]')).toContainText('needs an offline coalesce');
  await expectNoHorizontalScroll(page);
  await shot(page, testInfo, 'analyze');

  await page.getByRole('button', { name: /^Collapse VHD-036594ed/ }).click();
  await expect(page.locator('.tree-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(page.locator('.tree-row')).toHaveCount(31);
});

test('the report downloads as JSON and CSV', async ({ page }) => {
  await page.getByLabel(/Paste/).fill(forumTree);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.locator('.findings')).toBeVisible();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { scan: { nodes: number; maxChainLength: number } };
  expect(report.scan).toMatchObject({ nodes: 31, maxChainLength: 16 });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toBe('chainwatch-report.csv');
  expect(readFileSync((await csv.path())!, 'utf8').split('\r\n')[0]).toBe('section,leaf,length,hidden,sizeBytes,at,host,pid,kind,vdis,message');
});

test('a file is read in the browser; one over 20 MiB is refused with a sentence', async ({ page }) => {
  await page.getByLabel(/choose a file/).setInputFiles({ name: 'tree.txt', mimeType: 'text/plain', buffer: Buffer.from(forumTree) });
  await expect(page.getByText('Using tree.txt')).toBeVisible();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.locator('.tree-row')).toHaveCount(31);

  await page.getByLabel(/choose a file/).setInputFiles({ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(21 * 1024 * 1024, 'a') });
  await expect(page.locator('main').getByRole('alert')).toContainText('the limit is 20 MiB');
});

test('nothing to analyze is said in words', async ({ page }) => {
  await page.getByLabel(/Paste/).fill('hello, this is not a scan');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('nothing to analyze');
});
