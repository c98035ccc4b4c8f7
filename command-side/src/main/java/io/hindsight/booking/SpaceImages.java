package io.hindsight.booking;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.AddSpaceImage;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.RemoveSpaceImage;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.images.ImageName;
import io.hindsight.common.images.ImageStore;
import io.hindsight.common.images.ImageType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Uploads and removals of a space's images. The file is written first under a fresh UUID name, then the
 * space records it ({@link AddSpaceImage}); when the space refuses, the file is deleted again. A file left
 * behind by a crash in between is garbage no space refers to, never served as part of one.
 */
@CommandRole
@Service
public class SpaceImages {

    private final ImageStore store;
    private final Commands commands;
    private final long maxBytes;

    public SpaceImages(
            ImageStore store, Commands commands, @Value("${hindsight.images.max-size:5MB}") DataSize maxSize) {
        this.store = store;
        this.commands = commands;
        this.maxBytes = maxSize.toBytes();
    }

    /** The size an upload must not exceed, checked before its bytes are read. */
    public void refuseLargerThanAllowed(long size) {
        if (size > maxBytes) {
            throw new BusinessException(
                    BookingError.IMAGE_TOO_LARGE, "An image may have at most %d bytes, not %d", maxBytes, size);
        }
    }

    public UploadedImage upload(SpaceId spaceId, AccountId host, byte[] content) {
        refuseLargerThanAllowed(content.length);
        ImageType type = ImageType.detect(content)
                .orElseThrow(() -> new BusinessException(
                        BookingError.UNSUPPORTED_IMAGE, "An image must be a JPEG, PNG or WebP file"));
        ImageName name = ImageName.newName(type);
        store.put(name, content);
        try {
            commands.send(new AddSpaceImage(spaceId, host, name.value(), type.contentType(), content.length));
        } catch (RuntimeException refused) {
            store.delete(name);
            throw refused;
        }
        return new UploadedImage(
                spaceId.value(), name.value(), "/api/images/" + name, type.contentType(), content.length);
    }

    /** An image just added to a space, and where it is served. */
    public record UploadedImage(String spaceId, String imageName, String url, String contentType, long size) {}

    /** The space forgets the image, then its file is deleted. */
    public SpaceSnapshot remove(SpaceId spaceId, AccountId host, String imageName) {
        ImageName name = ImageName.parse(imageName)
                .orElseThrow(() -> new BusinessException(
                        BookingError.IMAGE_NOT_FOUND, "Space %s has no image %s", spaceId, imageName));
        SpaceSnapshot after = commands.send(new RemoveSpaceImage(spaceId, host, name.value()));
        store.delete(name);
        return after;
    }
}
