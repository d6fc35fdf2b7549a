package kz.digitaltenge.ledger.fact;

import java.sql.SQLException;

/**
 * Records that belong with one fact and are written by the group append itself, on its connection and inside its
 * database transaction, after the facts are stored and before the evidence log's head is locked: the fact, its
 * evidence entry and these records are committed together or not at all, at no transaction or commit of their own.
 * The hub's intake uses it: the invoice registry's row and the source message's fact id (issue 14).
 *
 * <p>A companion adds rows to the append's batched statements ({@link CompanionStatements#batched}); they run once for
 * the whole batch of facts, after every companion has added its rows. So a companion only writes, never reads what it
 * or another wrote, and must only write rows of its own. It runs for a fact the store held already too (a redelivery
 * records it again). When the database refuses a row, the batch is written again one fact at a time, so only the fact
 * whose rows were refused fails, and it fails whole: not stored, not logged.
 */
@FunctionalInterface
public interface FactCompanion {
    void write(CompanionStatements statements, SignedFact fact) throws SQLException;
}
