package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A user withdraws a like; withdrawing one that is not there changes nothing. */
public record UnlikeSpace(@TargetAggregateIdentifier SpaceId spaceId, AccountId accountId) implements SpaceCommand {}
