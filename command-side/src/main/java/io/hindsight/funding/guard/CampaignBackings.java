package io.hindsight.funding.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.ledger.api.TransferId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who backed each campaign, and the hold that took their money ({@code funding_campaign_backings}), written in the
 * transaction of the funding's event. A backer funds a campaign once by this table's key: the same backer on a second
 * node waits for the first funding to commit and then finds its row. The campaign's aggregate keeps only its total and
 * its number of backers, which would otherwise hold every backing; its end settles the holds listed here.
 */
@Repository
public class CampaignBackings {

    private final JdbcClient jdbc;

    public CampaignBackings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code backer} had not backed the campaign, and now has, by {@code hold}. */
    public boolean record(CampaignId campaign, AccountId backer, TransferId hold) {
        return jdbc.sql("""
                        INSERT INTO funding_campaign_backings (campaign_id, backer_id, transfer_id)
                        VALUES (:campaign, :backer, :hold) ON CONFLICT DO NOTHING""")
                        .param("campaign", campaign.value())
                        .param("backer", backer.value())
                        .param("hold", hold.value())
                        .update()
                > 0;
    }

    /** The holds of every backing of the campaign, in the order of their backers' ids. */
    public List<TransferId> holdsOf(CampaignId campaign) {
        return jdbc.sql("""
                        SELECT transfer_id FROM funding_campaign_backings
                        WHERE campaign_id = :campaign ORDER BY backer_id""")
                .param("campaign", campaign.value())
                .query((row, n) -> TransferId.of(row.getString(1)))
                .list();
    }
}
