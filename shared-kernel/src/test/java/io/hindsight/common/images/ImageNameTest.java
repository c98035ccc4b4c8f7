package io.hindsight.common.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageNameTest {

    @Test
    void recognizesImagesByTheirFirstBytesOnly() {
        assertThat(ImageType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}))
                .contains(ImageType.JPEG);
        assertThat(ImageType.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}))
                .contains(ImageType.PNG);
        assertThat(ImageType.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
                .contains(ImageType.WEBP);
        assertThat(ImageType.detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
        assertThat(ImageType.detect("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ImageType.detect(new byte[] {(byte) 0xFF})).isEmpty();
    }

    @Test
    void acceptsOnlyNamesOfTheFormItGives() {
        ImageName name = ImageName.newName(ImageType.WEBP);
        assertThat(ImageName.parse(name.value())).contains(name);
        assertThat(ImageName.parse("../etc/passwd")).isEmpty();
        assertThat(ImageName.parse(name.value().replace(".webp", ".exe"))).isEmpty();
        assertThat(ImageName.parse("/" + name.value())).isEmpty();
        assertThat(ImageName.parse(name.value().toUpperCase())).isEmpty();
        assertThat(ImageName.parse(null)).isEmpty();
    }
}
