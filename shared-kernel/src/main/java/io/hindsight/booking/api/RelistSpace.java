package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host puts an unlisted space back in the list. */
public record RelistSpace(@TargetAggregateIdentifier SpaceId spaceId, AccountId requestedBy) implements SpaceCommand {}
