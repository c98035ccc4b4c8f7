package io.hindsight.common.images;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name an uploaded image is stored and served under: a random UUID and the extension of its detected
 * type. Only names of exactly this form are accepted back, so a requested name can never reach outside the
 * store (no separators, no dots but the one before the extension).
 */
public record ImageName(String value, ImageType type) {

    private static final Pattern FORM =
            Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([a-z]{3,4})");

    public static ImageName newName(ImageType type) {
        return new ImageName(UUID.randomUUID() + "." + type.extension(), type);
    }

    public static Optional<ImageName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return ImageType.ofExtension(matcher.group(2)).map(type -> new ImageName(name, type));
    }

    @Override
    public String toString() {
        return value;
    }
}
