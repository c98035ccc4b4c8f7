package io.hindsight.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.funding.api.CampaignCreated;
import io.hindsight.funding.api.CampaignEdited;
import io.hindsight.funding.api.CampaignFailed;
import io.hindsight.funding.api.CampaignFunded;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.funding.api.CampaignStatus;
import io.hindsight.funding.api.CampaignSucceeded;
import io.hindsight.funding.api.CampaignWithdrawn;
import io.hindsight.funding.api.FundingId;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CampaignFoldTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private final CampaignFold fold = new CampaignFold();
    private final CampaignId id = CampaignId.of("cmp-00000000-0000-4000-8000-000000000001");
    private final Instant t0 = Instant.parse("2030-04-01T10:00:00Z");
    private final Instant endsAt = LocalDate.of(2030, 4, 11).atStartOfDay(SEOUL).toInstant();
    private long sequence;

    private RecordedEvent event(Object payload, Instant at) {
        return new RecordedEvent(id.value(), "Campaign", sequence++, at, "p", "corr", payload);
    }

    private CampaignView created(long target) {
        return fold.apply(
                null,
                event(
                        new CampaignCreated(id, AccountId.of("p"), "Lantern", "", target, 5_000, endsAt, "Asia/Seoul"),
                        t0));
    }

    private CampaignView funded(CampaignView view, String backer, long amount) {
        FundingId fundingId = FundingId.of(id, AccountId.of(backer));
        return fold.apply(
                view,
                event(
                        new CampaignFunded(id, fundingId, AccountId.of(backer), amount, fundingId.transferId()),
                        t0.plusSeconds(sequence)));
    }

    @Test
    void fundingsAddUpToTheTotalAndParticipants() {
        CampaignView view = funded(funded(created(1_000_000), "a", 3_000_000), "b", 2_000_000);
        assertThat(view.totalFunded()).isEqualTo(5_000_000);
        assertThat(view.participants()).isEqualTo(2);
        assertThat(view.achievementRate()).isEqualTo(500);
    }

    @Test
    void theAchievementRateIsRoundedDown() {
        assertThat(funded(created(3_000), "a", 1_999).achievementRate()).isEqualTo(66);
        assertThat(created(3_000).achievementRate()).isZero();
    }

    /** 92,234 fundings of 10^12 each: totalFunded * 100 is past a long, and the list and the detail answered 500. */
    @Test
    void theAchievementRateOfAHugeTotalIsNotAnOverflow() {
        long total = 92_234L * 1_000_000_000_000L;
        assertThat(funded(created(1_000_000), "a", total).achievementRate()).isEqualTo(total / 10_000);
        assertThat(funded(created(1), "a", Long.MAX_VALUE).achievementRate()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void daysLeftCountsWholeDaysToTheLastDayInTheCampaignsZone() {
        CampaignView view = created(1_000);
        assertThat(view.daysLeft(
                        LocalDate.of(2030, 4, 1).atTime(23, 0).atZone(SEOUL).toInstant()))
                .isEqualTo(9);
        assertThat(view.daysLeft(
                        LocalDate.of(2030, 4, 10).atTime(0, 1).atZone(SEOUL).toInstant()))
                .isZero();
        assertThat(view.daysLeft(endsAt.plusSeconds(86_400 * 3))).isZero();
    }

    @Test
    void editsChangeTheTermsButNotTheTarget() {
        Instant later = endsAt.plusSeconds(86_400);
        CampaignView view = fold.apply(created(9_000), event(new CampaignEdited(id, "New", "d", 4_000, later), t0));
        assertThat(view.title()).isEqualTo("New");
        assertThat(view.fundingUnit()).isEqualTo(4_000);
        assertThat(view.endsAt()).isEqualTo(later);
        assertThat(view.targetAmount()).isEqualTo(9_000);
    }

    @Test
    void theEndAndAWithdrawalSetTheStatus() {
        Instant end = endsAt.plusSeconds(1);
        assertThat(fold.apply(created(1), event(new CampaignSucceeded(id, 1, 1), end)))
                .extracting(CampaignView::status, CampaignView::endedAt)
                .containsExactly(CampaignStatus.SUCCESS, end);
        assertThat(fold.apply(created(1), event(new CampaignFailed(id, 0, 0), end))
                        .status())
                .isEqualTo(CampaignStatus.CANCEL);
        assertThat(fold.apply(created(1), event(new CampaignWithdrawn(id), end)).status())
                .isEqualTo(CampaignStatus.WITHDRAWN);
    }
}
