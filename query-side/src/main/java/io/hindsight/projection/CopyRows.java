package io.hindsight.projection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} in its text format, sent on the transaction's connection.
 * A replay writes into empty copies, where one {@code COPY} costs both sides less than a batch of inserts.
 * Values are text, numbers, booleans, instants, dates, enums, UUIDs and text arrays; {@link #copies} tells
 * whether a value is one of them.
 */
public final class CopyRows {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final StringBuilder text;
    private int rows;

    /** Room for about {@code expectedRows} rows from the start (the text grows past that if need be). */
    public CopyRows(int expectedRows) {
        text = new StringBuilder(Math.max(16, expectedRows) * 256);
    }

    /** Appends one row; every value must be one {@link #copies} accepts. */
    public CopyRows row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            append(values[i]);
        }
        text.append('\n');
        rows++;
        return this;
    }

    /** Whether {@link #row} can write this value. */
    public static boolean copies(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Instant
                || value instanceof Timestamp
                || value instanceof LocalDate
                || value instanceof Enum<?>
                || value instanceof UUID
                || value instanceof String[];
    }

    /** Sends the rows to {@code target} (a table and its column list) on the current transaction's connection. */
    public void copyInto(DataSource dataSource, String target) {
        if (rows == 0) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + target + " FROM STDIN", new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Rows could not be copied into " + target, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escaped(string);
        } else if (value instanceof Instant instant) {
            instant(instant);
        } else if (value instanceof Timestamp timestamp) {
            instant(timestamp.toInstant());
        } else if (value instanceof Boolean bool) {
            text.append(bool ? 't' : 'f');
        } else if (value instanceof Enum<?> constant) {
            escaped(constant.name());
        } else if (value instanceof String[] array) {
            escaped(arrayLiteral(array));
        } else if (copies(value)) {
            escaped(value.toString());
        } else {
            throw new IllegalArgumentException(
                    "COPY cannot write a " + value.getClass().getName());
        }
    }

    /** Backslash, tab and line breaks escaped, as the text format wants them; the runs between copied whole. */
    private void escaped(String value) {
        int copied = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char escape = switch (c) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escape != 0) {
                text.append(value, copied, i).append('\\').append(escape);
                copied = i + 1;
            }
        }
        text.append(value, copied, value.length());
    }

    /**
     * An instant as {@code yyyy-MM-ddTHH:mm:ss.fffffffffZ}, written digit by digit: {@link Instant#toString}'s
     * formatter took about a tenth of a replay thread's time. Years outside 0-9999 are written by {@code toString}
     * (as the live projections' statements write them).
     */
    private void instant(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            text.append(instant);
            return;
        }
        digits(utc.getYear(), 4).append('-');
        digits(utc.getMonthValue(), 2).append('-');
        digits(utc.getDayOfMonth(), 2).append('T');
        digits(utc.getHour(), 2).append(':');
        digits(utc.getMinute(), 2).append(':');
        digits(utc.getSecond(), 2).append('.');
        digits(utc.getNano(), 9).append('Z');
    }

    private StringBuilder digits(int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    private static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (value == null) {
                literal.append("NULL");
            } else {
                literal.append('"')
                        .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return literal.append('}').toString();
    }
}
