package io.hindsight.snack;

import java.math.BigInteger;

/** A snack requested in a period: how many, in how many orders, for how much (its own currency). */
public record RequestedSnack(
        String snackId, String name, long quantity, long orders, BigInteger amount, String currency) {}
