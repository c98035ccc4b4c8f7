package io.hindsight.booking.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The host adds an image already stored under {@code imageName} to the space. */
public record AddSpaceImage(
        @TargetAggregateIdentifier SpaceId spaceId,
        AccountId requestedBy,
        String imageName,
        String contentType,
        long size)
        implements SpaceCommand {}
