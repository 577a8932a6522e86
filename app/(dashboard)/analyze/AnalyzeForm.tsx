'use client';
import { useState } from 'react';
import type { AnalyzeInput } from '@/app/_hooks/useAnalyze';
import { formatBytes } from '@/app/_components/format';

/** The server refuses more (app/api/analyze); checked here first so a big file is not sent for nothing. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
const TOO_BIG = (what: string, bytes: number) =>
  `${what} is ${formatBytes(bytes)}: the limit is 20 MiB. Keep the part around the problem (one SR's scan, or \`grep SMGC /var/log/SMlog\` for a few days) and try again.`;

export function AnalyzeForm({ busy, onSubmit }: { busy: boolean; onSubmit: (input: AnalyzeInput) => void }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [tolerance, setTolerance] = useState('1');
  const [referenceDate, setReferenceDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function chooseFile(e: React.ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    setProblem(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_INPUT_BYTES) {
      setProblem(TOO_BIG(`The file ${chosen.name}`, chosen.size));
      e.target.value = '';
      return;
    }
    try {
      setFile({ name: chosen.name, text: await chosen.text() });
    } catch {
      setProblem(`The browser could not read ${chosen.name}: choose it again, or paste its text.`);
    }
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = file?.text ?? text;
    const toleranceValue = Number(tolerance);
    if (input.trim() === '') return setProblem('Paste `vhd-util scan` output or SMlog lines, or choose a file.');
    if (input.length > MAX_INPUT_BYTES) return setProblem(TOO_BIG('The pasted text', input.length));
    if (!Number.isInteger(toleranceValue) || toleranceValue < 0 || toleranceValue > 100) {
      return setProblem('The XO tolerance is a whole number from 0 to 100 (XO default: 1).');
    }
    setProblem(null);
    onSubmit({ text: input, tolerance: toleranceValue, ...(referenceDate ? { referenceDate } : {}) });
  }

  return (
    <form className="panel analyze-form" onSubmit={submit} aria-label="Analyze a scan or SMlog">
      <label htmlFor="paste">
        Paste <code>vhd-util scan -p</code> output, SMlog lines, or both
      </label>
      <textarea
        id="paste"
        rows={10}
        spellCheck={false}
        value={file ? '' : text}
        disabled={file !== null}
        placeholder={file ? `Using the file ${file.name}` : 'vhd=VHD-036594ed-… capacity=21474836480 size=11580473344 hidden=1 parent=none'}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="form-row">
        <div>
          <label htmlFor="file">…or choose a file (up to 20 MiB)</label>
          <input id="file" type="file" accept=".txt,.log,text/plain" onChange={chooseFile} />
          {file && (
            <p className="small">
              Using {file.name} ({formatBytes(file.text.length)}).{' '}
              <button type="button" className="linkish" onClick={() => setFile(null)}>
                Use the pasted text instead
              </button>
            </p>
          )}
        </div>
        <div>
          <label htmlFor="tolerance">XO tolerance (maxUncoalescedVdis)</label>
          <input id="tolerance" type="number" min={0} max={100} step={1} inputMode="numeric" value={tolerance} onChange={(e) => setTolerance(e.target.value)} />
        </div>
        <div>
          <label htmlFor="reference-date">Day the log was read (SMlog lines carry no year)</label>
          <input id="reference-date" type="date" value={referenceDate} onChange={(e) => setReferenceDate(e.target.value)} />
        </div>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Analyzing…' : 'Analyze'}
      </button>
    </form>
  );
}
