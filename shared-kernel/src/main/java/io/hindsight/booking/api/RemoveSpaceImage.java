package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host removes an uploaded image from the space. */
public record RemoveSpaceImage(@TargetAggregateIdentifier SpaceId spaceId, AccountId requestedBy, String imageName)
        implements SpaceCommand {}
