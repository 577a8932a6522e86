import type { Metadata } from 'next';
import { AnalyzePage } from './AnalyzePage';

export const metadata: Metadata = { title: 'Analyze a paste · Chainwatch' };

export default function Page() {
  return <AnalyzePage />;
}
