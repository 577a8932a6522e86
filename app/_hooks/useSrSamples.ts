'use client';
import { useQuery } from '@tanstack/react-query';
import type { CollectionGap } from '@/lib/db/read/collection-gaps';
import type { SrSamplePoint } from '@/lib/db/read/sr-samples';
import { fetchJson } from './fetch-json';

export interface SrSamplesResponse {
  fromMs: number;
  toMs: number;
  /** A silence longer than this (pool time) is a gap. */
  maxSilenceMs: number;
  points: SrSamplePoint[];
  gaps: CollectionGap[];
}

export function useSrSamples(srUuid: string, hours: number) {
  return useQuery({
    queryKey: ['sr:samples', { srUuid, hours }],
    queryFn: () => fetchJson<SrSamplesResponse>(`/api/srs/${srUuid}/samples?hours=${hours}`),
  });
}
