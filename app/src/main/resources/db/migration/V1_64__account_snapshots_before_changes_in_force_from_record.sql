-- Account snapshots folded a profile change in force from the instant it was decided; the aggregate now takes the
-- later of that and its record (ProfileChanged.inForceFrom). Snapshots are a cache: an account loads from its
-- events once and is snapshotted again.
DELETE FROM snapshot_event_entry WHERE type = 'Account';
