package io.hindsight.account.api;

/**
 * Profile values a change sets; a null field is left as it was. A blank nickname clears it.
 */
public record ProfileFields(String name, String nickname, Gender gender) {

    public boolean changesNothing() {
        return name == null && nickname == null && gender == null;
    }
}
