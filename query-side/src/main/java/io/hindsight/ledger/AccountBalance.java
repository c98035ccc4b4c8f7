package io.hindsight.ledger;

/** A ledger account's balance at an instant: available, held by pending debits, and how many entries. */
public record AccountBalance(long balance, long held, long entries) {}
