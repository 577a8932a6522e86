import type { UrgencyLevel } from '@/lib/db/read/sr-urgency';

const LABEL: Record<UrgencyLevel, string> = { critical: 'Act now', warning: 'Watch', ok: 'OK', unknown: 'No data' };

export function UrgencyBadge({ level }: { level: UrgencyLevel }) {
  return <span className={`badge badge-${level}`}>{LABEL[level]}</span>;
}
