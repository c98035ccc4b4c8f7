package io.hindsight.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How stores behave: how long an order waits for its payment, how long a gift coupon is valid, and the share
 * of the amount paid that a completed order earns in points (whole percent, rounded down), and how long a
 * cancellation the provider refused waits before it is asked again, and how many unused free gifts one giver may
 * hold out to one recipient (a free gift costs its giver nothing, so nothing else bounds them).
 */
@ConfigurationProperties(prefix = "hindsight.stores")
public record StoreProperties(
        Duration paymentTimeout,
        Duration couponValidity,
        Integer pointsRatePercent,
        Duration paymentCancelRetry,
        Integer maxUnusedFreeGifts) {

    public StoreProperties {
        paymentCancelRetry = paymentCancelRetry == null ? Duration.ofMinutes(5) : paymentCancelRetry;
        if (paymentCancelRetry.isNegative() || paymentCancelRetry.isZero()) {
            throw new IllegalArgumentException("hindsight.stores.payment-cancel-retry must be positive");
        }
        paymentTimeout = paymentTimeout == null ? Duration.ofMinutes(15) : paymentTimeout;
        couponValidity = couponValidity == null ? Duration.ofDays(1) : couponValidity;
        pointsRatePercent = pointsRatePercent == null ? 1 : pointsRatePercent;
        maxUnusedFreeGifts = maxUnusedFreeGifts == null ? 10 : maxUnusedFreeGifts;
        if (maxUnusedFreeGifts < 0) {
            throw new IllegalArgumentException("hindsight.stores.max-unused-free-gifts must not be negative");
        }
        if (paymentTimeout.isNegative() || paymentTimeout.isZero()) {
            throw new IllegalArgumentException("hindsight.stores.payment-timeout must be positive");
        }
        if (couponValidity.isNegative() || couponValidity.isZero()) {
            throw new IllegalArgumentException("hindsight.stores.coupon-validity must be positive");
        }
        if (pointsRatePercent < 0 || pointsRatePercent > 100) {
            throw new IllegalArgumentException("hindsight.stores.points-rate-percent is between 0 and 100");
        }
    }

    /** The points an amount paid earns: the configured percent of it, rounded down. */
    public long pointsEarnedOn(long amountPaid) {
        return Math.multiplyExact(amountPaid, (long) pointsRatePercent) / 100;
    }
}
