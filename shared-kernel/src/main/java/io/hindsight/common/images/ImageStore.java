package io.hindsight.common.images;

import java.util.Optional;

/**
 * Where uploaded images are kept: the data directory by default, an S3-compatible bucket in production. An
 * image is written once under a fresh name and never changed; a file that no event refers to (the command
 * that would have recorded it failed) is garbage that nothing serves as part of a space.
 */
public interface ImageStore {

    void put(ImageName name, byte[] content);

    /** The image's bytes, or empty when there is no such image. */
    Optional<byte[]> get(ImageName name);

    /** Removes the image; removing one that is not there does nothing. */
    void delete(ImageName name);
}
