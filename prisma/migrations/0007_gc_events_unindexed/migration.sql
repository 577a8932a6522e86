-- GC events lose their (poolId, at) index: ~17 bytes a line, for reads that scan the table
-- fast enough (a pool's lines of the last 14 days among 300,000 lines of 10 pools: ~14 ms
-- instead of ~4 ms; a host's lines of one read: ~10 ms). No data changes.

-- DropIndex
DROP INDEX "GcEvent_poolId_at_idx";
