import { expect, test } from '@playwright/test';
import { login } from './helpers';

// Names come from XAPI, pasted scans and SMlog: untrusted text, shown as text, never run.
const SCRIPT = '<img src=x onerror="window.__xss=1">';

test('a hostile name renders as text and no script runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await login(page);
  await page.goto('/analyze');
  const scan = [
    'vhd=VHD-<script>window.__xss=1</script> capacity=21474836480 size=8388608 hidden=1 parent=none',
    '   vhd=VHD-<img/src=x/onerror=window.__xss=1> capacity=21474836480 size=8388608 hidden=0 parent=VHD-<script>window.__xss=1</script>',
    `Aug 21 10:31:08 rigel SMGC: [628] ${SCRIPT}`,
  ].join('\n');
  await page.getByLabel(/Paste/).fill(scan);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.locator('.vhd-name').getByText('VHD-<script>window.__xss=1</script>', { exact: true })).toBeVisible();
  await expect(page.locator('.vhd-name').getByText('VHD-<img/src=x/onerror=window.__xss=1>', { exact: true })).toBeVisible();
  await expect(page.locator('.timeline').getByText(SCRIPT, { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
