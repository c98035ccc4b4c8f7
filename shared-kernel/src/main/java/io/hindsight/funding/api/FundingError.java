package io.hindsight.funding.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the crowdfunding context. */
public enum FundingError implements ErrorCode {
    CAMPAIGN_NOT_FOUND(ErrorKind.NOT_FOUND),
    TARGET_IMMUTABLE(ErrorKind.INVALID_INPUT),
    INVALID_CAMPAIGN(ErrorKind.INVALID_INPUT),
    INVALID_END(ErrorKind.INVALID_INPUT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT),
    UNKNOWN_SORT(ErrorKind.INVALID_INPUT),
    CAMPAIGN_NOT_FUNDING(ErrorKind.CONFLICT),
    ALREADY_FUNDED(ErrorKind.CONFLICT),
    FUNDING_UNIT_CHANGED(ErrorKind.CONFLICT),
    INVALID_TRANSITION(ErrorKind.CONFLICT),
    PUBLISHER_CANNOT_FUND(ErrorKind.FORBIDDEN);

    private final ErrorKind kind;

    FundingError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
