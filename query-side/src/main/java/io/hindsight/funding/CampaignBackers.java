package io.hindsight.funding;

import io.hindsight.funding.api.CampaignFunded;
import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.ViewFollower;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per funding of a campaign, in funding order, kept by the campaigns projection beside the view: the view
 * used to embed them all, so every funding rewrote the whole list and every read and snapshot carried it (a campaign
 * of 1,500 backers: a 303 KB view, its detail 41 ms even for a reader shown none of them).
 */
@Repository
public class CampaignBackers implements ViewFollower<CampaignView> {

    static final String TABLE = "funding_backer_view";

    private final JdbcClient jdbc;

    public CampaignBackers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<String> tablesWrittenByKey() {
        return List.of(TABLE);
    }

    @Override
    public void follow(Step<CampaignView> step) {
        followAll(List.of(step));
    }

    /** The batch's fundings in one statement; a funding already written is left as it is. */
    @Override
    public void followAll(List<Step<CampaignView>> steps) {
        List<Step<CampaignView>> fundings = steps.stream()
                .filter(step -> step.event().payload() instanceof CampaignFunded)
                .toList();
        if (fundings.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO funding_backer_view (campaign_id, sequence, funding_id, account_id, amount, funded_at)
                        SELECT * FROM unnest(CAST(:campaigns AS text[]), CAST(:sequences AS bigint[]),
                            CAST(:fundings AS text[]), CAST(:accounts AS text[]), CAST(:amounts AS bigint[]),
                            CAST(:fundedAt AS timestamptz[]))
                        ON CONFLICT DO NOTHING""")
                .param(
                        "campaigns",
                        SqlArrays.literal(fundings, step -> step.event().aggregateId()))
                .param(
                        "sequences",
                        SqlArrays.literal(fundings, step -> step.event().sequence()))
                .param(
                        "fundings",
                        SqlArrays.literal(
                                fundings, step -> funded(step).fundingId().value()))
                .param(
                        "accounts",
                        SqlArrays.literal(
                                fundings, step -> funded(step).backerId().value()))
                .param(
                        "amounts",
                        SqlArrays.literal(fundings, step -> funded(step).amount()))
                .param(
                        "fundedAt",
                        SqlArrays.literal(fundings, step -> step.event().timestamp()))
                .update();
    }

    private static CampaignFunded funded(Step<CampaignView> step) {
        return (CampaignFunded) step.event().payload();
    }

    /**
     * The campaign's backers funded by {@code asOf} (now when null), in funding order, one page of them; only
     * {@code backer}'s when it is given.
     */
    public List<Backer> of(String campaignId, Instant asOf, String backer, Paging paging) {
        return jdbc.sql("""
                        SELECT funding_id, account_id, amount, funded_at FROM funding_backer_view
                        WHERE campaign_id = :id AND funded_at <= :asOf
                          AND account_id = coalesce(CAST(:backer AS text), account_id)
                        ORDER BY sequence LIMIT :limit OFFSET :offset""")
                .param("id", campaignId)
                .param("asOf", SqlInstants.bounded(asOf == null ? Instant.MAX : asOf))
                .param("backer", backer)
                .param("limit", paging.limit())
                .param("offset", paging.offset())
                .query((rs, n) -> new Backer(
                        rs.getString("funding_id"),
                        rs.getString("account_id"),
                        rs.getLong("amount"),
                        rs.getTimestamp("funded_at").toInstant()))
                .list();
    }

    /** One backer: who, how much, when. */
    public record Backer(String fundingId, String accountId, long amount, Instant fundedAt) {}
}
