import type { Finding } from '@/lib/chains/summary';

const SEVERITY_WORD: Record<Finding['severity'], string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** What is wrong, most serious first, each with what to do. */
export function Findings({ findings }: { findings: Finding[] }) {
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`finding finding-${f.severity}`}>
          <span className={`badge badge-sev-${f.severity}`}>{SEVERITY_WORD[f.severity]}</span> <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}
