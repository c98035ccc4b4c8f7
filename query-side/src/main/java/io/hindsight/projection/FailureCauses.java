package io.hindsight.projection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The text kept and shown for a projection's failure (a dead letter's cause, an event a replay skipped): what failed
 * and where, never the values it failed on. PostgreSQL's errors quote the row they met ({@code Failing row contains
 * (...)}, {@code Key (email)=(...) already exists}, {@code invalid input syntax for type integer: "..."}), and such
 * a value may be personal data that is otherwise encrypted and erasable; a dead letter kept it in plain text for as
 * long as it was parked. A database failure is told by its SQLState, its message without the values it quotes, and
 * the constraint, table and column PostgreSQL names; any other failure by its message, without the detail lines of
 * a database error quoted in it.
 */
public final class FailureCauses {

    private static final String VALUE = "(value)";
    private static final Pattern DETAIL = Pattern.compile("(?s)\\s*\\b(Detail|DETAIL|Hint|HINT|Where|WHERE):.*");
    private static final Pattern FAILING_ROW = Pattern.compile("(?s)Failing row contains \\(.*\\)");
    private static final Pattern KEY_VALUES = Pattern.compile("(?s)Key \\(([^)]*)\\)=\\(.*\\)");

    private FailureCauses() {}

    /**
     * The failure's description, free of the values it met. PostgreSQL's own error is preferred wherever it sits: a
     * batch's {@code BatchUpdateException} has the SQLState but holds the server's error as its next exception.
     */
    public static String describe(Throwable failure) {
        SQLException first = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
                        return databaseFailure(postgres);
                    }
                    if (first == null && next.getSQLState() != null) {
                        first = next;
                    }
                }
            }
        }
        return first != null ? databaseFailure(first) : scrubbed(failure.getMessage());
    }

    /** A text kept before this rule (a letter parked earlier), without the detail lines of a database error. */
    public static String scrubbed(String message) {
        if (message == null) {
            return null;
        }
        String text = DETAIL.matcher(message).replaceAll("");
        text = FAILING_ROW.matcher(text).replaceAll("Failing row contains " + VALUE);
        return KEY_VALUES.matcher(text).replaceAll("Key ($1)=" + VALUE).strip();
    }

    private static String databaseFailure(SQLException sql) {
        StringBuilder text = new StringBuilder("SQLState ").append(sql.getSQLState());
        ServerErrorMessage server = sql instanceof PSQLException postgres ? postgres.getServerErrorMessage() : null;
        if (server == null) {
            return text.toString();
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("constraint", server.getConstraint());
        names.put("table", server.getTable());
        names.put("column", server.getColumn());
        names.put("type", server.getDatatype());
        names.values().removeIf(Objects::isNull);
        if (server.getMessage() != null) {
            text.append(": ").append(withoutValues(server.getMessage(), List.copyOf(names.values())));
        }
        List<String> named = new ArrayList<>();
        names.forEach((what, name) -> named.add(what + " " + name));
        if (!named.isEmpty()) {
            text.append(" (").append(String.join(", ", named)).append(')');
        }
        return text.toString();
    }

    /**
     * PostgreSQL quotes names and values alike: a quoted name it also gives in a field of its own stays, anything
     * else quoted (from the first quote to the last, as a value may hold quotes itself) is a value.
     */
    static String withoutValues(String message, List<String> names) {
        String text = message;
        for (int i = 0; i < names.size(); i++) {
            text = text.replace('"' + names.get(i) + '"', "\u0000" + i + "\u0000");
        }
        int first = text.indexOf('"');
        if (first >= 0) {
            int last = text.lastIndexOf('"');
            text = text.substring(0, first) + VALUE + (last > first ? text.substring(last + 1) : "");
        }
        for (int i = 0; i < names.size(); i++) {
            text = text.replace("\u0000" + i + "\u0000", '"' + names.get(i) + '"');
        }
        return text;
    }
}
