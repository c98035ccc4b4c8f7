package io.hindsight.audit;

import io.hindsight.audit.SearchableKinds.SearchableKind;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.UuidForm;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.TextMatch;
import io.hindsight.projection.Where;
import io.hindsight.projection.admin.ProjectionCatchUp;
import io.hindsight.query.QueryRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds objects for an auditor by id, email or name over the read models listed in {@link SearchableKinds},
 * and the objects owned by the accounts found (their carts, receipts, bookings...). An id of an aggregate
 * no read model lists is still found in the event store.
 */
@QueryRole
@Service
public class AuditSearch {

    public static final int MAX_QUERY_LENGTH = 200;
    static final int PER_KIND = 10;
    static final int OWNERS = 5;

    private final ObjectProvider<ReadModel<?>> readModels;
    private final JdbcClient jdbc;
    private final ProjectionCatchUp catchUp;

    public AuditSearch(ObjectProvider<ReadModel<?>> readModels, JdbcClient jdbc, ProjectionCatchUp catchUp) {
        this.readModels = readModels;
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    public List<SearchHit> search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY_LENGTH) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "q must be 1 to %d characters", MAX_QUERY_LENGTH);
        }
        SearchableKinds.ALL.stream().map(SearchableKind::readModel).distinct().forEach(catchUp::awaitCommitted);
        Map<String, ReadModel<?>> models = readModels
                .orderedStream()
                .collect(Collectors.toMap(ReadModel::name, model -> model, (a, b) -> a, LinkedHashMap::new));
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        for (SearchableKind kind : SearchableKinds.ALL) {
            Optional.ofNullable(models.get(kind.readModel()))
                    .ifPresent(model -> find(model, kind, matching(kind, q), null)
                            .forEach(hit -> hits.putIfAbsent(hit.key(), hit)));
        }
        List<String> owners = hits.values().stream()
                .filter(hit -> hit.kind().equals(SearchableKinds.ACCOUNT))
                .map(SearchHit::id)
                .limit(OWNERS)
                .toList();
        if (!owners.isEmpty()) {
            for (SearchableKind kind : SearchableKinds.ALL) {
                ReadModel<?> model = models.get(kind.readModel());
                if (model != null && kind.owner() != null) {
                    find(model, kind, Where.sql(kind.owner() + " IN (:owners)", Map.of("owners", owners)), kind.owner())
                            .forEach(hit -> hits.putIfAbsent(hit.key(), hit));
                }
            }
        }
        if (hits.values().stream()
                .noneMatch(hit -> hit.id().equals(q) || hit.id().equals(UuidForm.asKept(q)))) {
            aggregateInEventStore(q).ifPresent(hit -> hits.put(hit.key(), hit));
        }
        return new ArrayList<>(hits.values());
    }

    private static Where matching(SearchableKind kind, String q) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("q", q);
        params.put("id", UuidForm.asKept(q));
        conditions.add(kind.id() + " IN (:q, :id)");
        kind.exact().forEach(column -> conditions.add(column + " IN (:q, :id)"));
        if (q.length() >= 2 && !kind.containing().isEmpty()) {
            Where containing = TextMatch.containing(q, kind.containing());
            conditions.add(containing.sql());
            params.putAll(containing.params());
        }
        return Where.sql(String.join(" OR ", conditions), params);
    }

    private static List<SearchHit> find(ReadModel<?> model, SearchableKind kind, Where where, String ownerColumn) {
        String table = kind.table() == null ? "{table}" : kind.table();
        String owner = ownerColumn == null ? "NULL" : ownerColumn;
        return model.query(
                "SELECT " + kind.id() + ", " + kind.label() + ", " + kind.detail() + ", " + owner + " FROM " + table
                        + " {where} ORDER BY 2 NULLS LAST, 1 LIMIT " + PER_KIND,
                where,
                (rs, n) ->
                        new SearchHit(kind.kind(), rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    private Optional<SearchHit> aggregateInEventStore(String id) {
        return jdbc.sql(
                        "SELECT type, aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier IN (:q, :id)"
                                + " LIMIT 1")
                .param("q", id)
                .param("id", UuidForm.asKept(id))
                .query((rs, n) -> new SearchHit(
                        rs.getString(1).toLowerCase(Locale.ROOT),
                        rs.getString(2),
                        rs.getString(1) + " " + rs.getString(2),
                        null,
                        null))
                .optional();
    }

    /** One object found: {@code id} is the aggregate whose timeline tells its story; {@code ownerId} the account it was found through. */
    public record SearchHit(String kind, String id, String label, String detail, String ownerId) {

        String key() {
            return kind + "|" + id + "|" + label;
        }
    }
}
