-- Each ledger account's balance from every instant it changed on (kept by the transfers read model with the
-- entries), so that a balance now or as of an instant is one index probe instead of a sum over every entry.
-- posted: posted credits less posted debits; held: what pending debits hold; entries: how many entries.
CREATE TABLE ledger_balance_version (
    account_id varchar(120) NOT NULL,
    at         timestamptz  NOT NULL,
    posted     bigint       NOT NULL,
    held       bigint       NOT NULL,
    entries    bigint       NOT NULL,
    PRIMARY KEY (account_id, at)
);

-- The rows for the entries already folded: each entry counts from its creation, is posted from when it was
-- posted (not before it was created), and a debit holds its amount from its creation until it was posted or
-- voided, whichever came first; a row at every instant some entry changed its account's balance at.
INSERT INTO ledger_balance_version (account_id, at, posted, held, entries)
SELECT account_id, at,
       sum(posted) OVER w, sum(held) OVER w, sum(entries) OVER w
FROM (SELECT account_id, at, sum(posted) AS posted, sum(held) AS held, sum(entries) AS entries
      FROM (SELECT account_id, created_at AS at, 0::bigint AS posted,
                   CASE direction WHEN 'DEBIT' THEN amount ELSE 0 END AS held, 1::bigint AS entries
            FROM ledger_entry_view
            UNION ALL
            SELECT account_id, greatest(created_at, posted_at),
                   CASE direction WHEN 'CREDIT' THEN amount ELSE -amount END, 0, 0
            FROM ledger_entry_view WHERE posted_at IS NOT NULL
            UNION ALL
            SELECT account_id, greatest(created_at, least(posted_at, voided_at)), 0, -amount, 0
            FROM ledger_entry_view
            WHERE direction = 'DEBIT' AND (posted_at IS NOT NULL OR voided_at IS NOT NULL)) step
      GROUP BY account_id, at) change
WINDOW w AS (PARTITION BY account_id ORDER BY at);
