package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** A user liked a space. */
@Revision("1")
public record SpaceLiked(SpaceId spaceId, AccountId accountId) implements SpaceEvent {}
