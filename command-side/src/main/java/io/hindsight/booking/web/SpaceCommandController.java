package io.hindsight.booking.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hindsight.booking.SpaceLikes;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/spaces")
public class SpaceCommandController {

    private final Commands commands;

    public SpaceCommandController(Commands commands) {
        this.commands = commands;
    }

    @PreAuthorize("hasRole('HOST')")
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
                request.address().trim(),
                request.facilityIds(),
                request.imageUrls(),
                request.prices().toPrices()));
        return ResponseEntity.created(URI.create("/api/spaces/" + spaceId)).body(new SpaceCreated(spaceId.value()));
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
            @Size(max = 20) List<@NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+") String> imageUrls,
            @NotNull @Valid PricesRequest prices) {}

    /** Prices keyed by option name, as clients send them: {@code {"DAY":..,"NIGHT":..,"ALL_DAY":..}}. */
    public record PricesRequest(
            @JsonProperty("DAY") Long day,
            @JsonProperty("NIGHT") Long night,
            @JsonProperty("ALL_DAY") Long allDay) {

        SpacePrices toPrices() {
            return new SpacePrices(day, night, allDay);
        }
    }

    public record SpaceCreated(String spaceId) {}
}
