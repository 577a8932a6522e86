import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { UUID_PATTERN } from '@/app/api/_lib/sr-route';
import { SrPage } from './SrPage';

export const metadata: Metadata = { title: 'SR · Chainwatch' };

export default async function Page({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  if (!UUID_PATTERN.test(uuid)) notFound();
  return <SrPage srUuid={uuid.toLowerCase()} />;
}
