package io.hindsight.booking.web;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.common.images.ImageName;
import io.hindsight.common.images.ImageStore;
import io.hindsight.query.QueryRole;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Uploaded images at stable URLs. A name is written once and never changes, so responses may be cached for a
 * year; only names of the form the upload gives ({@link ImageName}) are looked up at all.
 */
@QueryRole
@RestController
public class ImageQueryController {

    private final ImageStore store;

    public ImageQueryController(ImageStore store) {
        this.store = store;
    }

    @PublicEndpoint
    @GetMapping("/api/images/{imageName}")
    @ApiResponse(
            responseCode = "200",
            description = "The image as uploaded; its type is the name's extension",
            content = {
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))
            })
    public ResponseEntity<byte[]> image(@PathVariable String imageName) {
        ImageName name = ImageName.parse(imageName).orElseThrow(() -> notFound(imageName));
        byte[] content = store.get(name).orElseThrow(() -> notFound(imageName));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(name.type().contentType()))
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .eTag(name.value())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    private static BusinessException notFound(String imageName) {
        return new BusinessException(CommonError.NOT_FOUND, "There is no image %s", imageName);
    }
}
