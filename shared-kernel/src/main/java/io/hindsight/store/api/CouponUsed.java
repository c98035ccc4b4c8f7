package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The coupon paid for the order {@code orderId}; it can never be used again. */
@Revision("1")
public record CouponUsed(CouponCode code, AccountId recipientId, StoreOrderId orderId) implements CouponEvent {}
