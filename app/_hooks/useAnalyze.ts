'use client';
import { useMutation } from '@tanstack/react-query';
import type { AnalyzeReport } from '@/lib/cli/analyze-report';
import type { TreeRows } from '@/app/api/analyze/tree-rows';
import { fetchJson } from './fetch-json';

export interface AnalyzeInput {
  text: string;
  tolerance: number;
  referenceDate?: string;
}

export interface AnalyzeResponse {
  report: AnalyzeReport;
  tree: TreeRows | null;
}

export function useAnalyze() {
  return useMutation({
    mutationKey: ['analyze'],
    mutationFn: (input: AnalyzeInput) =>
      fetchJson<AnalyzeResponse>('/api/analyze', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }),
  });
}
