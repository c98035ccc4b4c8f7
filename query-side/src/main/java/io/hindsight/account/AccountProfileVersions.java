package io.hindsight.account;

import io.hindsight.account.ProfilePoints.FieldPoint;
import io.hindsight.account.api.Gender;
import io.hindsight.projection.CopyRows;
import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.ViewFollower;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The profile versions of every account, one row per sign-up, change or correction, written by the accounts
 * projection with the view (so they hold exactly the events up to the view row's sequence). Reads take
 * an upper bound on the sequence - what was known - and touch only the rows they return.
 */
@Repository
public class AccountProfileVersions implements ViewFollower<AccountView> {

    static final String TABLE = "account_profile_version";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final LongAdder rowsRead = new LongAdder();

    public AccountProfileVersions(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<String> tablesWrittenByKey() {
        return List.of(TABLE);
    }

    @Override
    public void follow(Step<AccountView> step) {
        followAll(List.of(step));
    }

    /** Writes the versions of the batch in one statement, each column sent as one array. */
    @Override
    public void followAll(List<Step<AccountView>> steps) {
        List<String> accounts = new ArrayList<>();
        List<ProfileVersion> found = new ArrayList<>();
        for (Step<AccountView> step : steps) {
            ProfileVersion.of(step.event()).ifPresent(version -> {
                accounts.add(step.event().aggregateId());
                found.add(version);
            });
        }
        if (found.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO account_profile_version (account_id, sequence, effective_from, recorded_at,
                            changed_by, kind, name, nickname, gender)
                        SELECT * FROM unnest(CAST(:accounts AS text[]), CAST(:sequences AS bigint[]),
                            CAST(:effective AS timestamptz[]), CAST(:recorded AS timestamptz[]),
                            CAST(:changedBy AS text[]), CAST(:kinds AS text[]), CAST(:names AS text[]),
                            CAST(:nicknames AS text[]), CAST(:genders AS text[]))
                        ON CONFLICT DO NOTHING""")
                .param("accounts", SqlArrays.literal(accounts, a -> a))
                .param("sequences", SqlArrays.literal(found, ProfileVersion::sequence))
                .param("effective", SqlArrays.literal(found, ProfileVersion::effectiveFrom))
                .param("recorded", SqlArrays.literal(found, ProfileVersion::recordedAt))
                .param("changedBy", SqlArrays.literal(found, ProfileVersion::changedBy))
                .param("kinds", SqlArrays.literal(found, ProfileVersion::kind))
                .param("names", SqlArrays.literal(found, ProfileVersion::name))
                .param("nicknames", SqlArrays.literal(found, ProfileVersion::nickname))
                .param("genders", SqlArrays.literal(found, ProfileVersion::gender))
                .update();
    }

    /** A replay's versions in one {@code COPY}: the copy is empty and each event comes once. */
    @Override
    public void rebuildAll(List<Step<AccountView>> steps) {
        CopyRows rows = new CopyRows(steps.size());
        for (Step<AccountView> step : steps) {
            ProfileVersion.of(step.event())
                    .ifPresent(v -> rows.row(
                            step.event().aggregateId(),
                            v.sequence(),
                            v.effectiveFrom(),
                            v.recordedAt(),
                            v.changedBy(),
                            v.kind(),
                            v.name(),
                            v.nickname(),
                            v.gender()));
        }
        rows.copyInto(
                dataSource,
                TABLE
                        + " (account_id, sequence, effective_from, recorded_at, changed_by, kind, name, nickname, gender)");
    }

    /**
     * Per field, the version in force among those with a sequence up to {@code upTo} effective before
     * {@code instant} (or at it, when {@code inclusive}): three index probes in one statement.
     */
    public ProfilePoints inForce(String accountId, long upTo, Instant instant, boolean inclusive) {
        String bound = inclusive ? "<=" : "<";
        return jdbc.sql("SELECT n.*, k.*, g.* FROM (SELECT 1) one"
                        + " LEFT JOIN LATERAL (SELECT name, effective_from AS name_from"
                        + latestFrom("name", bound) + ") n ON true"
                        + " LEFT JOIN LATERAL (SELECT nickname, effective_from AS nickname_from"
                        + latestFrom("nickname", bound) + ") k ON true"
                        + " LEFT JOIN LATERAL (SELECT gender, effective_from AS gender_from"
                        + latestFrom("gender", bound) + ") g ON true")
                .param("id", accountId)
                .param("upTo", upTo)
                .param("instant", SqlInstants.bounded(instant))
                .query((rs, n) -> {
                    rowsRead.increment();
                    return new ProfilePoints(
                            point(rs, "name", Function.identity()),
                            point(rs, "nickname", Function.identity()),
                            point(rs, "gender", Gender::valueOf));
                })
                .single();
    }

    private static String latestFrom(String field, String bound) {
        return " FROM account_profile_version WHERE account_id = :id AND sequence <= :upTo AND " + field
                + " IS NOT NULL AND effective_from " + bound + " :instant"
                + " ORDER BY effective_from DESC, sequence DESC LIMIT 1";
    }

    private static <T> FieldPoint<T> point(ResultSet rs, String field, Function<String, T> parse) throws SQLException {
        String value = rs.getString(field);
        return value == null
                ? null
                : new FieldPoint<>(
                        parse.apply(value), rs.getTimestamp(field + "_from").toInstant());
    }

    /** The distinct effective instants of the versions up to {@code upTo}, in order, from {@code offset} on. */
    public List<Instant> starts(String accountId, long upTo, int offset, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT effective_from FROM account_profile_version
                        WHERE account_id = :id AND sequence <= :upTo
                        ORDER BY effective_from OFFSET :offset LIMIT :limit""")
                .param("id", accountId)
                .param("upTo", upTo)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> {
                    rowsRead.increment();
                    return rs.getTimestamp(1).toInstant();
                })
                .list();
    }

    /** The versions up to {@code upTo} effective from {@code first} to {@code last}, both included. */
    public List<ProfileVersion> effectiveBetween(String accountId, long upTo, Instant first, Instant last) {
        return jdbc.sql("""
                        SELECT sequence, effective_from, recorded_at, changed_by, kind, name, nickname, gender
                        FROM account_profile_version
                        WHERE account_id = :id AND sequence <= :upTo AND effective_from BETWEEN :first AND :last
                        ORDER BY effective_from, sequence""")
                .param("id", accountId)
                .param("upTo", upTo)
                .param("first", SqlInstants.bounded(first))
                .param("last", SqlInstants.bounded(last))
                .query((rs, n) -> {
                    rowsRead.increment();
                    String gender = rs.getString("gender");
                    return new ProfileVersion(
                            rs.getLong("sequence"),
                            rs.getTimestamp("effective_from").toInstant(),
                            rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("changed_by"),
                            ProfileVersion.Kind.valueOf(rs.getString("kind")),
                            rs.getString("name"),
                            rs.getString("nickname"),
                            gender == null ? null : Gender.valueOf(gender));
                })
                .list();
    }

    /** How many version rows reads have fetched so far, for tests and metrics. */
    public long rowsRead() {
        return rowsRead.sum();
    }
}
