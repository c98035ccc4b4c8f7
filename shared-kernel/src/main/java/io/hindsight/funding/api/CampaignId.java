package io.hindsight.funding.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a crowdfunding campaign: {@code cmp-<uuid>}. */
public record CampaignId(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("cmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public CampaignId {
        Objects.requireNonNull(value, "campaign id");
    }

    public static CampaignId newId() {
        return new CampaignId("cmp-" + UUID.randomUUID());
    }

    @JsonCreator
    public static CampaignId of(String value) {
        return new CampaignId(value);
    }

    /** The id when {@code text} has the form of one, so that client input never names odd aggregates. */
    public static Optional<CampaignId> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new CampaignId(text)) : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
