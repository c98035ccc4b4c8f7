package io.hindsight.funding;

import io.hindsight.account.AccountQueries;
import io.hindsight.account.AccountView;
import io.hindsight.account.Profile;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.funding.api.CampaignStatus;
import io.hindsight.funding.api.FundingError;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.TextMatch;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Reads of campaigns: the list with its figures, searched and sorted, and one campaign now or as of an instant. */
@Service
public class CampaignQueries {

    private final ReadModel<CampaignView> campaigns;
    private final CampaignBackers backers;
    private final ReadModel<AccountView> accounts;
    private final AccountQueries accountQueries;

    public CampaignQueries(
            ReadModel<CampaignView> campaigns,
            CampaignBackers backers,
            ReadModel<AccountView> accounts,
            AccountQueries accountQueries) {
        this.campaigns = campaigns;
        this.backers = backers;
        this.accounts = accounts;
        this.accountQueries = accountQueries;
    }

    /** Listed campaigns (withdrawn ones have left), titles containing {@code q} in any case. */
    public Page<CampaignListing> list(String q, CampaignSort sort, CampaignStatus status, Paging paging, Instant now) {
        Where where = Where.sql("status <> :withdrawn", Map.of("withdrawn", CampaignStatus.WITHDRAWN.name()));
        if (q != null && !q.isBlank()) {
            where = where.and(TextMatch.keyContains("title_lower", q.strip()));
        }
        if (status != null) {
            where = where.and("status", status.name());
        }
        Page<CampaignView> page = campaigns.page(where, sort.orderBy(), paging);
        Map<String, String> names =
                namesOf(page.items().stream().map(CampaignView::publisherId).toList());
        return page.map(view -> CampaignListing.of(view, names.get(view.publisherId()), now));
    }

    /**
     * The campaign now or as it was at {@code asOf}, with the backers {@code reader} may see (null: an anonymous
     * reader): all of them for its publisher and for those who audit, a backer's own funding for a backer, none for
     * anyone else, one page of them ({@code paging}). A withdrawn campaign is gone.
     */
    public CampaignDetail detail(
            String requestedId, Instant asOf, Instant now, AuthenticatedAccount reader, Paging paging) {
        String campaignId = CampaignId.parse(requestedId).map(CampaignId::value).orElse(requestedId);
        CampaignView view = campaigns
                .find(campaignId, asOf)
                .filter(found -> found.status() != CampaignStatus.WITHDRAWN)
                .orElseThrow(() ->
                        new BusinessException(FundingError.CAMPAIGN_NOT_FOUND, "There is no campaign %s", campaignId));
        List<CampaignBackers.Backer> shown;
        if (reader == null) {
            shown = List.of();
        } else if (reader.canAudit() || reader.accountId().value().equals(view.publisherId())) {
            shown = backers.of(campaignId, asOf, null, paging);
        } else {
            shown = backers.of(campaignId, asOf, reader.accountId().value(), paging);
        }
        List<String> people = new ArrayList<>();
        people.add(view.publisherId());
        shown.forEach(b -> people.add(b.accountId()));
        return CampaignDetail.of(
                view, shown, asOf == null ? namesOf(people) : namesAt(people, asOf), asOf == null ? now : asOf);
    }

    /**
     * The names the accounts had at {@code asOf} (valid time, as recorded now, as the ADMIN's detail of a user as of
     * an instant answers it): as of an instant the campaign showed the names its publisher and backers had then, and
     * with the names of now a backer's later rename rewrote what an auditor read of the past.
     */
    private Map<String, String> namesAt(Collection<String> accountIds, Instant asOf) {
        Map<String, String> names = new HashMap<>();
        Set<String> renamedSince = new LinkedHashSet<>(accountIds);
        // one read for the many whose profile has not changed since asOf; a fold of the versions for each other one
        accounts
                .list(
                        Where.sql("aggregate_id IN (:ids)", Map.of("ids", List.copyOf(renamedSince))),
                        "aggregate_id",
                        renamedSince.size())
                .stream()
                .filter(account -> account.profile().allInForceBy(asOf))
                .forEach(account -> {
                    names.put(account.accountId(), displayName(account));
                    renamedSince.remove(account.accountId());
                });
        for (String accountId : renamedSince) {
            accountQueries
                    .profileAt(accountId, asOf)
                    .map(CampaignQueries::displayName)
                    .ifPresent(name -> names.put(accountId, name));
        }
        return names;
    }

    private Map<String, String> namesOf(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        // An erased account's name is null, which Collectors.toMap refuses.
        Map<String, String> names = new HashMap<>();
        accounts.list(
                        Where.sql("aggregate_id IN (:ids)", Map.of("ids", List.copyOf(accountIds))),
                        "aggregate_id",
                        accountIds.size())
                .forEach(account -> names.put(account.accountId(), displayName(account)));
        // An account the projection has not stored yet (it signed up a moment ago) is folded from its events.
        accountIds.stream()
                .filter(id -> !names.containsKey(id))
                .distinct()
                .forEach(id -> accounts.current(id).ifPresent(account -> names.put(id, displayName(account))));
        return names;
    }

    private static String displayName(AccountView account) {
        return displayName(account.profileNow());
    }

    private static String displayName(Profile profile) {
        return profile.nickname() != null ? profile.nickname() : profile.name();
    }

    /** A campaign as the list shows it. */
    public record CampaignListing(
            String campaignId,
            String title,
            String publisherId,
            String publisherName,
            CampaignStatus status,
            long totalFunded,
            long achievementRate,
            long daysLeft,
            int participants,
            Instant endsAt,
            Instant createdAt) {

        static CampaignListing of(CampaignView view, String publisherName, Instant now) {
            return new CampaignListing(
                    view.campaignId(),
                    view.title(),
                    view.publisherId(),
                    publisherName,
                    view.status(),
                    view.totalFunded(),
                    view.achievementRate(),
                    view.daysLeft(now),
                    view.participants(),
                    view.endsAt(),
                    view.createdAt());
        }
    }

    /** A campaign with everything: the list's figures, its terms and its backers. */
    public record CampaignDetail(
            String campaignId,
            String title,
            String publisherId,
            String publisherName,
            CampaignStatus status,
            long totalFunded,
            long achievementRate,
            long daysLeft,
            int participants,
            String description,
            long targetAmount,
            long fundingUnit,
            Instant endsAt,
            String zone,
            Instant createdAt,
            Instant endedAt,
            List<BackerListing> backers) {

        static CampaignDetail of(
                CampaignView view, List<CampaignBackers.Backer> backers, Map<String, String> names, Instant at) {
            return new CampaignDetail(
                    view.campaignId(),
                    view.title(),
                    view.publisherId(),
                    names.get(view.publisherId()),
                    view.status(),
                    view.totalFunded(),
                    view.achievementRate(),
                    view.daysLeft(at),
                    view.participants(),
                    view.description(),
                    view.targetAmount(),
                    view.fundingUnit(),
                    view.endsAt(),
                    view.zone(),
                    view.createdAt(),
                    view.endedAt(),
                    backers.stream()
                            .map(b -> new BackerListing(
                                    b.fundingId(), b.accountId(), names.get(b.accountId()), b.amount(), b.fundedAt()))
                            .toList());
        }
    }

    /** One participant of a campaign. */
    public record BackerListing(String fundingId, String accountId, String name, long amount, Instant fundedAt) {}
}
