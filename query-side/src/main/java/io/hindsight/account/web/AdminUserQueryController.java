package io.hindsight.account.web;

import io.hindsight.account.AccountQueries;
import io.hindsight.account.AccountQueries.UserSearch;
import io.hindsight.account.AccountReadModel;
import io.hindsight.account.AccountStatus;
import io.hindsight.account.AccountView;
import io.hindsight.account.RecentOrder;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.hindsight.account.web.AccountResponses.HistoryResponse;
import io.hindsight.account.web.AccountResponses.UserListResponse;
import io.hindsight.account.web.AccountResponses.UserResponse;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.Folded;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.ShopReadModels;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@Validated
@RestController
@RequestMapping("/api/admin/users")
public class AdminUserQueryController {

    private final AccountQueries queries;

    public AdminUserQueryController(AccountQueries queries) {
        this.queries = queries;
    }

    /** Every account by default; {@code status=ACTIVE} leaves out resigned ones, {@code role} narrows to a role. */
    @PreAuthorize("hasRole('ADMIN')")
    @ReadsProjection({AccountReadModel.NAME, ShopReadModels.RECEIPTS})
    @GetMapping
    public UserListResponse list(
            @RequestParam(required = false) @Size(max = 100) String keyword,
            @RequestParam(required = false) @Size(max = 20) String status,
            @RequestParam(required = false) @Size(max = 20) String role,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(offset, limit);
        UserSearch found = queries.search(
                keyword, oneOf(AccountStatus.class, "status", status), oneOf(Role.class, "role", role), paging);
        Map<String, RecentOrder> orders = queries.recentOrdersOf(
                found.items().stream().map(AccountView::accountId).toList());
        List<UserResponse> items = found.items().stream()
                .map(view -> UserResponse.of(view, view.profileNow(), null, null, orders.get(view.accountId())))
                .toList();
        return new UserListResponse(items, found.total(), found.matched(), paging.offset(), paging.limit());
    }

    /**
     * The user as of {@code asOf} (valid time: what was true then) according to what was recorded by
     * {@code knownAt} (transaction time); both default to now. The profile is folded; the recent order, the last placed
     * by the earlier of the two, is read from the receipts' model.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @ReadsProjection(ShopReadModels.RECEIPTS)
    @GetMapping("/{accountId}")
    public UserResponse detail(
            @PathVariable("accountId") String sentId,
            @RequestParam(required = false) Instant asOf,
            @RequestParam(required = false) Instant knownAt) {
        String accountId = AccountId.ofSent(sentId).value();
        Folded<AccountView> known = queries.known(accountId, knownAt);
        if (asOf != null && asOf.isBefore(known.view().signedUpAt())) {
            throw new BusinessException(
                    AccountError.ACCOUNT_NOT_FOUND, "Account %s did not exist at %s", accountId, asOf);
        }
        AccountView stateThen = asOf == null ? known.view() : queries.knownAt(accountId, earliest(asOf, knownAt));
        return UserResponse.of(
                stateThen,
                // now: the latest version of each field, as /api/me shows it, even one dated ahead of this node's clock
                asOf == null ? known.view().profileNow() : queries.profileAt(known, asOf),
                asOf,
                knownAt,
                // an order placed after knownAt was not recorded by then either: orders are recorded as they are placed
                queries.recentOrderOf(accountId, asOf == null ? knownAt : earliest(asOf, knownAt))
                        .orElse(null));
    }

    /**
     * The valid-time segments of the profile as recorded by {@code knownAt} (default now), oldest first; at most
     * {@code limit} (default and most 1000) after skipping {@code offset}: a shorter page is the last.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @GetMapping("/{accountId}/history")
    public List<HistoryResponse> history(
            @PathVariable String accountId,
            @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(offset, limit == null ? Paging.MAX_LIMIT : limit);
        return queries.history(queries.known(AccountId.ofSent(accountId).value(), knownAt), paging).stream()
                .map(HistoryResponse::of)
                .toList();
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> AsciiCase.equalsIgnoringCase(constant.name(), value.strip()))
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "%s is one of %s, not '%s'",
                        parameter,
                        Arrays.toString(type.getEnumConstants()),
                        value));
    }

    private static Instant earliest(Instant asOf, Instant knownAt) {
        return knownAt == null || asOf.isBefore(knownAt) ? asOf : knownAt;
    }
}
