package io.hindsight.snack;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.SortedMap;

/**
 * Order figures of one period: orders, snacks ordered, and the amount in {@code currency} (lines priced
 * in other currencies are in {@code amounts} only). {@code from}/{@code to} are the period's days within
 * the asked range. Amounts are exact whatever their size: a period's lines can add up past a long.
 */
public record PeriodFigures(
        String period,
        LocalDate from,
        LocalDate to,
        long orders,
        long snackQuantity,
        BigInteger amount,
        String currency,
        SortedMap<String, BigInteger> amounts) {}
