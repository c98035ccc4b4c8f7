package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host takes a space out of the list: it cannot be booked until relisted; bookings it has stay. */
public record UnlistSpace(@TargetAggregateIdentifier SpaceId spaceId, AccountId requestedBy) implements SpaceCommand {}
