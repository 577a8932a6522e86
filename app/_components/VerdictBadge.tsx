import type { SkipVerdict } from '@/lib/analysis/skip-forecast';
import { VERDICT_LABEL, VERDICT_TONE } from './forecast-words';

export function VerdictBadge({ verdict }: { verdict: SkipVerdict }) {
  return (
    <span className={`badge badge-${VERDICT_TONE[verdict]}`} data-verdict={verdict}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}
