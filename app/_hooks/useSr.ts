'use client';
import { useQuery } from '@tanstack/react-query';
import type { PoolInfo, SrOverview } from '@/app/api/_lib/overview';
import { fetchJson } from './fetch-json';

export interface SrResponse {
  collectIntervalMs: number;
  maxSilenceMs: number;
  sr: SrOverview;
  pool: PoolInfo;
}

export function useSr(srUuid: string) {
  return useQuery({ queryKey: ['sr', { srUuid }], queryFn: () => fetchJson<SrResponse>(`/api/srs/${srUuid}`) });
}
