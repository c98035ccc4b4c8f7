package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The account's {@code number}-th cart was opened by its first add. */
@Revision("1")
public record CartOpened(CartId cartId, AccountId accountId, long number) implements CartEvent {}
