package io.hindsight.funding.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.funding.api.CampaignId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which campaigns a publisher created and which of them have not ended: {@code funding_campaign_publishers}, written as
 * each campaign is created and as it ends.
 */
@Repository
public class CampaignPublishers {

    private final JdbcClient jdbc;

    public CampaignPublishers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CampaignId campaignId, AccountId publisherId) {
        jdbc.sql("INSERT INTO funding_campaign_publishers (campaign_id, publisher_id) VALUES (:campaign, :publisher)")
                .param("campaign", campaignId.value())
                .param("publisher", publisherId.value())
                .update();
    }

    public void recordEnd(CampaignId campaignId) {
        jdbc.sql("UPDATE funding_campaign_publishers SET ended = true WHERE campaign_id = :campaign")
                .param("campaign", campaignId.value())
                .update();
    }

    public List<CampaignId> openCampaignsOf(AccountId publisherId) {
        return jdbc.sql("SELECT campaign_id FROM funding_campaign_publishers"
                        + " WHERE publisher_id = :publisher AND NOT ended ORDER BY campaign_id")
                .param("publisher", publisherId.value())
                .query((rs, n) -> CampaignId.of(rs.getString("campaign_id")))
                .list();
    }
}
