package io.hindsight.funding.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.AsciiCase;
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

    /**
     * The id when {@code text} has the form of one, so that client input never names odd aggregates; read in any case
     * of its letters, as the other ids are.
     */
    public static Optional<CampaignId> parse(String text) {
        String lower = text == null ? "" : AsciiCase.lowerCase(text);
        return FORMAT.matcher(lower).matches() ? Optional.of(new CampaignId(lower)) : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
