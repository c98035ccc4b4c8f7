package io.hindsight.account.api;

import io.hindsight.common.PersonalData;

/**
 * Profile values a change sets; a null field is left as it was. A blank nickname clears it.
 */
public record ProfileFields(
        @PersonalData String name,
        @PersonalData String nickname,
        @PersonalData Gender gender) {

    public boolean changesNothing() {
        return name == null && nickname == null && gender == null;
    }
}
