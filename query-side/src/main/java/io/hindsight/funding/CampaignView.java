package io.hindsight.funding;

import io.hindsight.funding.api.CampaignStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A campaign with its figures; its backers are rows of their own ({@link CampaignBackers}), so that a funding writes
 * one row and the view stays the same size however many back it.
 */
public record CampaignView(
        String campaignId,
        String publisherId,
        String title,
        String description,
        long targetAmount,
        long fundingUnit,
        Instant endsAt,
        String zone,
        CampaignStatus status,
        Instant createdAt,
        Instant endedAt,
        long totalFunded,
        int participants) {

    /** Whole percent of the target, rounded down; above 100 when funded beyond the target. */
    public long achievementRate() {
        if (targetAmount == 0) {
            return 0;
        }
        // totalFunded * 100 leaves a long from 92,234 fundings of the largest unit on: an ArithmeticException, a 500
        BigInteger rate = BigInteger.valueOf(totalFunded)
                .multiply(BigInteger.valueOf(100))
                .divide(BigInteger.valueOf(targetAmount));
        return rate.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    /**
     * Whole days from {@code now} to the campaign's last day, counted in its zone: 0 on the last day and
     * after the end, also an end before {@code endsAt} (an ADMIN's cancel, a withdrawal). The last day is the day of
     * the last instant before {@code endsAt}.
     */
    public long daysLeft(Instant now) {
        if (status != CampaignStatus.FUNDING) {
            return 0;
        }
        ZoneId in = ZoneId.of(zone);
        LocalDate lastDay = LocalDate.ofInstant(endsAt.minus(Duration.ofNanos(1)), in);
        return Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(now, in), lastDay));
    }

    CampaignView with(CampaignStatus newStatus, Instant at) {
        return new CampaignView(
                campaignId,
                publisherId,
                title,
                description,
                targetAmount,
                fundingUnit,
                endsAt,
                zone,
                newStatus,
                createdAt,
                newStatus == CampaignStatus.SUCCESS || newStatus == CampaignStatus.CANCEL ? at : endedAt,
                totalFunded,
                participants);
    }
}
