package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A user likes a space; liking it again changes nothing. */
public record LikeSpace(@TargetAggregateIdentifier SpaceId spaceId, AccountId accountId) implements SpaceCommand {}
