'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HostKeyView } from '@/app/api/_lib/host-keys';
import { fetchJson } from './fetch-json';

const key = (poolId: number) => ['pool:host-keys', { poolId }];

export function useHostKeys(poolId: number) {
  return useQuery({ queryKey: key(poolId), queryFn: () => fetchJson<{ hosts: HostKeyView[] }>(`/api/pools/${poolId}/hosts`) });
}

export function useForgetHostKey(poolId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (hostUuid: string) => fetchJson<{ forgotten: string }>(`/api/pools/${poolId}/hosts/${hostUuid}/host-key`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(poolId) }),
  });
}
