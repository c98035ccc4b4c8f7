package io.hindsight.account.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Gender as the member chose to state it. {@link #UNSTATED} is a stated gender withdrawn: written as an empty text, as
 * a blank nickname clears the nickname, and shown as none ({@link #shown}). It is kept in the profile's history as a
 * change of its own, so as-of reads before the withdrawal still show the gender then stated.
 */
public enum Gender {
    FEMALE,
    MALE,
    OTHER,
    UNSTATED;

    /** The gender named exactly, or UNSTATED for an empty text; anything else is not a gender. */
    @JsonCreator
    public static Gender named(String text) {
        if (text.isEmpty()) {
            return UNSTATED;
        }
        for (Gender gender : values()) {
            if (gender != UNSTATED && gender.name().equals(text)) {
                return gender;
            }
        }
        throw new IllegalArgumentException("Not a gender: " + text);
    }

    @JsonValue
    public String written() {
        return this == UNSTATED ? "" : name();
    }

    /** The gender to show: none when it was never stated or was withdrawn. */
    public static Gender shown(Gender gender) {
        return gender == UNSTATED ? null : gender;
    }
}
