package io.hindsight.booking.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hindsight.booking.SpaceImages;
import io.hindsight.booking.SpaceImages.UploadedImage;
import io.hindsight.booking.SpaceLikes;
import io.hindsight.booking.SpaceSnapshot;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.RelistSpace;
import io.hindsight.booking.api.ReviseSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.LookAlikes;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@CommandRole
@RestController
@RequestMapping("/api/spaces")
public class SpaceCommandController {

    private final Commands commands;
    private final SpaceImages images;

    public SpaceCommandController(Commands commands, SpaceImages images) {
        this.commands = commands;
        this.images = images;
    }

    @PreAuthorize("hasRole('HOST')")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<SpaceCreated> register(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody SpaceRequest request) {
        SpaceId spaceId = SpaceId.newId();
        commands.send(new RegisterSpace(
                spaceId,
                me.accountId(),
                request.title(),
                request.subTitle(),
                request.categoryId(),
                request.districtId(),
                request.minCount(),
                request.maxCount(),
                LookAlikes.trimmed(request.address()),
                request.facilityIds(),
                request.imageUrls(),
                request.prices().toPrices()));
        return ResponseEntity.created(URI.create("/api/spaces/" + spaceId)).body(new SpaceCreated(spaceId.value()));
    }

    /** The host changes any details; only the fields sent change. New prices apply to later bookings. */
    @PreAuthorize("hasRole('HOST')")
    @PatchMapping("/{spaceId}")
    public SpaceAnswer revise(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String spaceId,
            @Valid @RequestBody RevisionRequest request) {
        return SpaceAnswer.of(commands.send(new ReviseSpace(
                space(spaceId),
                me.accountId(),
                request.title(),
                request.subTitle(),
                request.categoryId(),
                request.districtId(),
                request.minCount(),
                request.maxCount(),
                request.address(),
                request.facilityIds(),
                request.imageUrls(),
                request.prices() == null ? null : request.prices().toPrices())));
    }

    /** Its host may take a space off the list even after losing the HOST role. */
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/{spaceId}/unlist")
    public SpaceAnswer unlist(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String spaceId) {
        return SpaceAnswer.of(commands.send(new UnlistSpace(space(spaceId), me.accountId())));
    }

    @PreAuthorize("hasRole('HOST')")
    @PostMapping("/{spaceId}/relist")
    public SpaceAnswer relist(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String spaceId) {
        return SpaceAnswer.of(commands.send(new RelistSpace(space(spaceId), me.accountId())));
    }

    /** A JPEG, PNG or WebP file in the multipart part {@code file}, recognized by its content. */
    @PreAuthorize("hasRole('HOST')")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping(path = "/{spaceId}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<UploadedImage> upload(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String spaceId,
            @RequestPart("file") MultipartFile file)
            throws IOException {
        images.refuseLargerThanAllowed(file.getSize());
        UploadedImage uploaded = images.upload(space(spaceId), me.accountId(), file.getBytes());
        return ResponseEntity.created(URI.create(uploaded.url())).body(uploaded);
    }

    @PreAuthorize("hasRole('HOST')")
    @DeleteMapping("/{spaceId}/images/{imageName}")
    public SpaceAnswer removeImage(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String spaceId,
            @PathVariable String imageName) {
        return SpaceAnswer.of(images.remove(space(spaceId), me.accountId(), imageName));
    }

    @PreAuthorize("isAuthenticated()")
    @PutMapping("/{spaceId}/like")
    public SpaceLikes like(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String spaceId) {
        return commands.send(new LikeSpace(space(spaceId), me.accountId()));
    }

    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/{spaceId}/like")
    public SpaceLikes unlike(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String spaceId) {
        return commands.send(new UnlikeSpace(space(spaceId), me.accountId()));
    }

    private static SpaceId space(String spaceId) {
        return SpaceId.parse(spaceId)
                .orElseThrow(
                        () -> new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId));
    }

    public record SpaceRequest(
            @NotBlank @Size(max = 100) String title,
            @Size(max = 200) String subTitle,
            @NotNull Integer categoryId,
            @NotNull Integer districtId,
            @NotNull Integer minCount,
            @NotNull Integer maxCount,
            @NotBlank @Size(max = 300) String address,
            @Size(max = 50) List<@NotNull Integer> facilityIds,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> imageUrls,
            @NotNull @Valid PricesRequest prices) {}

    /** A revision: every field is optional; {@code prices}, when sent, replaces all prices. */
    public record RevisionRequest(
            @Size(max = 100) String title,
            @Size(max = 200) String subTitle,
            Integer categoryId,
            Integer districtId,
            Integer minCount,
            Integer maxCount,
            @Size(min = 1, max = 300) String address,
            @Size(max = 50) List<@NotNull Integer> facilityIds,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> imageUrls,
            @Valid PricesRequest prices) {}

    /**
     * Prices keyed by option name, as clients send them and every answer shows them: {@code {"DAY":..,"NIGHT":..,"ALL_DAY":..}}.
     * Read as numbers, like all money: {@code 1.0} is 1, and {@code 1.5} is {@code INVALID_PRICES}.
     */
    public record PricesRequest(
            @JsonProperty("DAY") BigDecimal day,
            @JsonProperty("NIGHT") BigDecimal night,
            @JsonProperty("ALL_DAY") BigDecimal allDay) {

        static PricesRequest of(SpacePrices prices) {
            return new PricesRequest(money(prices.day()), money(prices.night()), money(prices.allDay()));
        }

        SpacePrices toPrices() {
            return new SpacePrices(won("DAY", day), won("NIGHT", night), won("ALL_DAY", allDay));
        }

        private static BigDecimal money(Long won) {
            return won == null ? null : BigDecimal.valueOf(won);
        }

        /** The aggregate checks the range; only a whole number of won gets that far. */
        private static Long won(String option, BigDecimal price) {
            return price == null
                    ? null
                    : WholeNumbers.between(
                            price, Long.MIN_VALUE, Long.MAX_VALUE, option + " price", BookingError.INVALID_PRICES);
        }
    }

    /** A space after a host's change: its prices keyed by option name like the request's and the detail's. */
    public record SpaceAnswer(String spaceId, boolean listed, PricesRequest prices, List<String> imageNames) {

        static SpaceAnswer of(SpaceSnapshot space) {
            return new SpaceAnswer(
                    space.spaceId(), space.listed(), PricesRequest.of(space.prices()), space.imageNames());
        }
    }

    public record SpaceCreated(String spaceId) {}
}
