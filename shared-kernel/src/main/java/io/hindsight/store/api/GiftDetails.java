package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.PersonalData;

/** What makes an order a gift: its id, who receives the coupon, and the giver's message. */
public record GiftDetails(
        String giftId,
        AccountId recipientId,
        @PersonalData(subject = "customerId") String message) {}
