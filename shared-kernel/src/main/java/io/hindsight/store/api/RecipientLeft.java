package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The coupon's recipient resigned: unused, it can never be used, so it is withdrawn and its gift refunded at once
 * rather than when the coupon would have expired. Sent by the resignation, in its transaction.
 */
public record RecipientLeft(@TargetAggregateIdentifier CouponCode code, AccountId recipientId)
        implements CouponCommand {}
