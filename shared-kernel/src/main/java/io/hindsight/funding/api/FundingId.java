package io.hindsight.funding.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.TransferId;
import java.util.Objects;

/**
 * Identifies one backer's funding of one campaign: {@code <campaignId>-<accountId>}. A backer funds a campaign
 * once, so the id follows from the two, and so does the id of the hold in the ledger: a funding sent again
 * can never hold twice.
 */
public record FundingId(String value) {

    public FundingId {
        Objects.requireNonNull(value, "funding id");
    }

    public static FundingId of(CampaignId campaignId, AccountId backerId) {
        return new FundingId(campaignId.value() + "-" + backerId.value());
    }

    @JsonCreator
    public static FundingId of(String value) {
        return new FundingId(value);
    }

    /** The ledger hold of this funding. */
    public TransferId transferId() {
        return TransferId.forKey("funding", value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
