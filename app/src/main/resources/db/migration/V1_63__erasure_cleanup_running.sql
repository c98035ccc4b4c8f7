-- Clean-ups still running are looked for every half minute, to take up those a stopped node cut off.
CREATE INDEX erasure_receipt_cleanup_running ON erasure_receipt (erasure_id) WHERE cleanup_state = 'RUNNING';
