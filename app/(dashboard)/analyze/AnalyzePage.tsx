'use client';
import { useState } from 'react';
import { useAnalyze, type AnalyzeInput } from '@/app/_hooks/useAnalyze';
import { AnalyzeForm } from './AnalyzeForm';
import { AnalyzeResult } from './AnalyzeResult';

export function AnalyzePage() {
  const analyze = useAnalyze();
  const [input, setInput] = useState<AnalyzeInput | null>(null);
  return (
    <main className="page">
      <div className="page-head">
        <h1>Analyze a scan or SMlog</h1>
      </div>
      <p className="muted">
        The same diagnosis as <code>chainwatch analyze</code>: paste what you would post in a forum thread, see the tree drawn and the problem
        named. Nothing is stored.
      </p>
      <AnalyzeForm
        busy={analyze.isPending}
        onSubmit={(next) => {
          setInput(next);
          analyze.mutate(next);
        }}
      />
      {analyze.isPending && (
        <p className="muted" role="status">
          Analyzing…
        </p>
      )}
      {analyze.isError && (
        <div className="error-note" role="alert">
          <p>{analyze.error.message}</p>
        </div>
      )}
      {analyze.data && input && <AnalyzeResult result={analyze.data} input={input} />}
    </main>
  );
}
