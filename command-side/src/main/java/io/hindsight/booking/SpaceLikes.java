package io.hindsight.booking;

/** How many users like a space right after a like or unlike. */
public record SpaceLikes(String spaceId, int likes) {}
