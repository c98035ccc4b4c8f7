package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The coupon's validity ended before it was used. */
@Revision("1")
public record CouponExpired(CouponCode code, AccountId recipientId) implements CouponEvent {}
