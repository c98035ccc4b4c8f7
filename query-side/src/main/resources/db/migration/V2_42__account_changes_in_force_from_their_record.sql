-- A profile change is in force from its record at the earliest (ProfileChanged.inForceFrom): the view and the
-- versions folded before kept the instant it was decided, a moment before its event was stamped. The accounts
-- projection rebuilds both from the first event (a missing token starts at the beginning of the event store), so
-- they hold what a replay folds.
DELETE FROM account_profile_version;
DELETE FROM account_view;
DELETE FROM token_entry WHERE processor_name = 'accounts';
