'use client';
import { useQuery } from '@tanstack/react-query';
import type { ChainSummary } from '@/lib/db/read/chains';
import { fetchJson } from './fetch-json';

export function useSrChains(srUuid: string) {
  return useQuery({
    queryKey: ['sr:chains', { srUuid }],
    queryFn: () => fetchJson<{ chains: ChainSummary[] }>(`/api/srs/${srUuid}/chains`),
  });
}
