package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The recipient registers the code they were given; registering it again changes nothing. */
public record RegisterCoupon(@TargetAggregateIdentifier CouponCode code, AccountId accountId)
        implements CouponCommand {}
