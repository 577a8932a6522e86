'use client';

const WINDOWS = [
  { hours: 6, label: '6 h' },
  { hours: 24, label: '24 h' },
  { hours: 24 * 7, label: '7 days' },
];

/** The time window of the SR page's charts. */
export function WindowPicker({ hours, onChange }: { hours: number; onChange: (hours: number) => void }) {
  return (
    <div className="window-picker" role="group" aria-label="Time window">
      {WINDOWS.map((w) => (
        <button key={w.hours} type="button" className="secondary" aria-pressed={w.hours === hours} onClick={() => onChange(w.hours)}>
          {w.label}
        </button>
      ))}
    </div>
  );
}
