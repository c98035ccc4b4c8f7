package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** A user withdrew a like of a space. */
@Revision("1")
public record SpaceUnliked(SpaceId spaceId, AccountId accountId) implements SpaceEvent {}
