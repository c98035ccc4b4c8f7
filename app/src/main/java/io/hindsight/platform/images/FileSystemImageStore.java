package io.hindsight.platform.images;

import io.hindsight.common.images.ImageName;
import io.hindsight.common.images.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Images as files in one directory (by default {@code <data-dir>/images}). A file is written under a temporary
 * name and moved into place, so a reader never sees half an image.
 */
public class FileSystemImageStore implements ImageStore {

    private final Path directory;

    public FileSystemImageStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the image directory " + this.directory, e);
        }
    }

    @Override
    public void put(ImageName name, byte[] content) {
        try {
            Path partial = Files.createTempFile(directory, ".upload-", ".part");
            try {
                Files.write(partial, content);
                Files.move(partial, fileOf(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store image " + name, e);
        }
    }

    @Override
    public Optional<byte[]> get(ImageName name) {
        try {
            return Optional.of(Files.readAllBytes(fileOf(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + name, e);
        }
    }

    @Override
    public void delete(ImageName name) {
        try {
            Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete image " + name, e);
        }
    }

    /** {@link ImageName} admits no separators or dots beyond its extension; the check keeps it so. */
    private Path fileOf(ImageName name) {
        Path file = directory.resolve(name.value()).normalize();
        if (!directory.equals(file.getParent())) {
            throw new IllegalArgumentException("Image name " + name + " leaves the image directory");
        }
        return file;
    }
}
