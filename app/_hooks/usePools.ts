'use client';
import { useQuery } from '@tanstack/react-query';
import type { PoolOverview } from '@/app/api/_lib/overview';
import { fetchJson } from './fetch-json';

export interface PoolsResponse {
  collectIntervalMs: number;
  maxSilenceMs: number;
  pools: PoolOverview[];
}

export function usePools() {
  return useQuery({ queryKey: ['pools'], queryFn: () => fetchJson<PoolsResponse>('/api/pools') });
}
