package io.hindsight.funding.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.funding.CampaignState;
import io.hindsight.funding.FundingProperties;
import io.hindsight.funding.FundingState;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.funding.api.CancelCampaign;
import io.hindsight.funding.api.CloseCampaign;
import io.hindsight.funding.api.CreateCampaign;
import io.hindsight.funding.api.EditCampaign;
import io.hindsight.funding.api.FundCampaign;
import io.hindsight.funding.api.FundingError;
import io.hindsight.funding.api.FundingRules;
import io.hindsight.funding.api.WithdrawCampaign;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/campaigns")
public class CampaignCommandController {

    private final Commands commands;
    private final ZoneId zone;

    public CampaignCommandController(Commands commands, FundingProperties properties) {
        this.commands = commands;
        this.zone = properties.zone();
    }

    @PreAuthorize("hasRole('PUBLISHER')")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<Map<String, String>> create(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody CreateRequest request) {
        CampaignId campaignId = CampaignId.newId();
        commands.send(new CreateCampaign(
                campaignId,
                me.accountId(),
                request.title(),
                request.description(),
                amount("targetAmount", request.targetAmount()),
                amount("fundingUnit", request.fundingUnit()),
                end(request.endsAt(), request.endsOn()),
                zone.getId()));
        return ResponseEntity.created(URI.create("/api/campaigns/" + campaignId))
                .body(Map.of("campaignId", campaignId.value()));
    }

    @PreAuthorize("hasRole('PUBLISHER')")
    @PatchMapping("/{campaignId}")
    public CampaignState edit(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String campaignId,
            @Valid @RequestBody EditRequest request) {
        if (request.targetAmount() != null) {
            throw new BusinessException(FundingError.TARGET_IMMUTABLE, "The target amount of a campaign never changes");
        }
        // a day is passed on as a day: it ends in the campaign's own zone, and the zone configured now may be another
        refuseTwoEnds(request.endsAt(), request.endsOn());
        return commands.send(new EditCampaign(
                campaign(campaignId),
                me.accountId(),
                request.title(),
                request.description(),
                request.fundingUnit() == null ? null : amount("fundingUnit", request.fundingUnit()),
                request.endsAt(),
                request.endsOn()));
    }

    /** Any role: a publisher who lost PUBLISHER can still end what they started (others get 404). */
    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/{campaignId}")
    public ResponseEntity<Void> withdraw(
            @AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String campaignId) {
        commands.send(new WithdrawCampaign(campaign(campaignId), me.accountId()));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize("isAuthenticated() and !hasRole('PUBLISHER')")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/{campaignId}/fundings")
    public ResponseEntity<FundingState> fund(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String campaignId,
            @RequestBody(required = false) FundingRequest request) {
        Long agreed = request == null || request.amount() == null
                ? null
                : WholeNumbers.between(
                        request.amount(), 1, FundingRules.MAX_AMOUNT, "amount", CommonError.VALIDATION_FAILED);
        FundingState funded = commands.send(new FundCampaign(campaign(campaignId), me.accountId(), agreed));
        // a funding has no page of its own: it shows in the campaign's figures and as a hold in the backer's wallet
        return ResponseEntity.created(URI.create("/api/campaigns/" + campaignId))
                .body(funded);
    }

    /** Any role, as a withdrawal. */
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/{campaignId}/close")
    public CampaignState close(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String campaignId) {
        return commands.send(new CloseCampaign(campaign(campaignId), me.accountId()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{campaignId}/cancel")
    public CampaignState cancel(@PathVariable String campaignId) {
        return commands.send(new CancelCampaign(campaign(campaignId)));
    }

    private static CampaignId campaign(String campaignId) {
        return CampaignId.parse(campaignId)
                .orElseThrow(() ->
                        new BusinessException(FundingError.CAMPAIGN_NOT_FOUND, "There is no campaign %s", campaignId));
    }

    private static long amount(String field, BigDecimal value) {
        return WholeNumbers.between(value, 1, FundingRules.MAX_AMOUNT, field, FundingError.INVALID_CAMPAIGN);
    }

    /** {@code endsAt}, or the end of the day {@code endsOn} in the funding zone: one of the two. */
    private Instant end(Instant endsAt, LocalDate endsOn) {
        refuseTwoEnds(endsAt, endsOn);
        if (endsOn != null) {
            return endsOn.plusDays(1).atStartOfDay(zone).toInstant();
        }
        if (endsAt == null) {
            throw new BusinessException(FundingError.INVALID_END, "A campaign needs an end: endsAt or endsOn");
        }
        return endsAt;
    }

    private static void refuseTwoEnds(Instant endsAt, LocalDate endsOn) {
        if (endsAt != null && endsOn != null) {
            throw new BusinessException(FundingError.INVALID_END, "Give endsAt or endsOn, not both");
        }
    }

    public record CreateRequest(
            @NotBlank @Size(max = FundingRules.MAX_TITLE_LENGTH) String title,

            @MultilineText @Size(max = FundingRules.MAX_DESCRIPTION_LENGTH) String description,

            @NotNull BigDecimal targetAmount,
            @NotNull BigDecimal fundingUnit,
            Instant endsAt,
            LocalDate endsOn) {}

    /** {@code targetAmount} is read only to refuse it. */
    public record EditRequest(
            @Size(min = 1, max = FundingRules.MAX_TITLE_LENGTH) String title,

            @MultilineText @Size(max = FundingRules.MAX_DESCRIPTION_LENGTH) String description,

            BigDecimal fundingUnit,
            Instant endsAt,
            LocalDate endsOn,
            JsonNode targetAmount) {}

    /** The funding unit the backer agreed to, as the campaign showed it; none funds whatever the unit is. */
    public record FundingRequest(BigDecimal amount) {}
}
