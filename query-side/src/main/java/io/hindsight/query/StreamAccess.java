package io.hindsight.query;

import java.util.function.BooleanSupplier;

/**
 * What let the caller open a live stream, asked again while it stays open: a stream that outlived its caller's
 * log-out, role change or token expiry went on delivering events, personal data included, for its half hour.
 */
public interface StreamAccess {

    /** Called on the request that opens the stream; the answer is asked before every delivery and heartbeat. */
    BooleanSupplier ofCurrentCaller();

    /** Who opens the stream, for {@link LiveStreamShares}: the account of the request's token. */
    String currentCaller();
}
