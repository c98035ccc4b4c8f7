package io.hindsight.funding.web;

import io.hindsight.account.AccountReadModel;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.funding.CampaignQueries;
import io.hindsight.funding.CampaignQueries.CampaignDetail;
import io.hindsight.funding.CampaignQueries.CampaignListing;
import io.hindsight.funding.CampaignSort;
import io.hindsight.funding.FundingReadModels;
import io.hindsight.funding.api.CampaignStatus;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/campaigns")
@PublicEndpoint
public class CampaignQueryController {

    private final CampaignQueries campaigns;
    private final Clock clock;

    public CampaignQueryController(CampaignQueries campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** Campaigns with their figures: {@code q} searches titles, {@code sort} is {@code funded} or {@code newest}. */
    @ReadsProjection({FundingReadModels.CAMPAIGNS, AccountReadModel.NAME})
    @GetMapping
    public Page<CampaignListing> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) CampaignStatus status,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return campaigns.list(q, CampaignSort.parse(sort), status, Paging.of(offset, limit), clock.instant());
    }

    /**
     * The campaign now, or as it was at {@code asOf}. Who backed it is its publisher's business (and an ADMIN's or
     * AUDITOR's): a backer sees only their own funding, anyone else the count alone. It waits for the projection, as
     * the backers are rows the projection writes, and for the accounts' model, which holds the names shown. The
     * backers come a page at a time (default and most 1000, in funding order; a shorter page is the last): a popular
     * campaign's detail used to list every one of them, 2000 backers 430 KB.
     */
    @ReadsProjection({FundingReadModels.CAMPAIGNS, AccountReadModel.NAME})
    @GetMapping("/{campaignId}")
    public CampaignDetail detail(
            @PathVariable String campaignId,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal AuthenticatedAccount reader) {
        Paging backers = Paging.of(offset, limit == null ? Paging.MAX_LIMIT : limit);
        return campaigns.detail(campaignId, asOf, clock.instant(), reader, backers);
    }
}
