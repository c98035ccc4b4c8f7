package io.hindsight.ledger.guard;

import io.hindsight.ledger.api.LedgerAccountId;

/** Where a hold's amount goes when it is settled: written at once for one hold, summed per account for many. */
public interface HoldMoves {

    /** The held amount is paid: out of pending and into posted, on both sides. */
    void post(LedgerAccountId from, LedgerAccountId to, long amount);

    /** The held amount is given back: out of pending on both sides. */
    void release(LedgerAccountId from, LedgerAccountId to, long amount);
}
