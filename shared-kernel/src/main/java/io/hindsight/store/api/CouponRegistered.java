package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The recipient registered the coupon; it can now be used. */
@Revision("1")
public record CouponRegistered(CouponCode code, AccountId recipientId) implements CouponEvent {}
