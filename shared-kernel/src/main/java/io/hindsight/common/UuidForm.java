package io.hindsight.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ids of the UUID form are made in lower case and kept so; a client may write one in capitals (copied from a tool
 * that shows them so), and it names the same object.
 */
public final class UuidForm {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidForm() {}

    /** The id as kept, when the text has the form of a UUID in any letter case. */
    public static Optional<String> parse(String text) {
        return text != null && UUID.matcher(text).matches() ? Optional.of(AsciiCase.lowerCase(text)) : Optional.empty();
    }

    /** The id as kept: a UUID in lower case, anything else (an id of another form) as it is. */
    public static String asKept(String id) {
        return parse(id).orElse(id);
    }
}
