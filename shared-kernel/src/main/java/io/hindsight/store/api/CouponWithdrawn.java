package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * The coupon was withdrawn before it was used ({@code reason}): the gift's payment was cancelled at the provider, or
 * its recipient left. It can never be used.
 */
@Revision("1")
public record CouponWithdrawn(CouponCode code, AccountId recipientId, StoreId storeId, MenuId menuId, String reason)
        implements CouponEvent {}
