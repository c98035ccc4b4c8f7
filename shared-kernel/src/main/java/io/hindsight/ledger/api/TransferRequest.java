package io.hindsight.ledger.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What a transfer or a hold asks for. */
public sealed interface TransferRequest permits Transfer, Hold {

    TransferId transferId();

    LedgerAccountId from();

    LedgerAccountId to();

    long amount();

    TransferKind kind();

    Map<String, String> references();

    /** References in key order, so that equal requests are equal and events serialize the same way. */
    static Map<String, String> sorted(Map<String, String> references) {
        return references == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(references));
    }
}
