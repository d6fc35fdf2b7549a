package kz.digitaltenge.ledger.fact;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records that belong with one fact and are written by the group append itself, on its connection and inside its
 * database transaction, after the facts are stored and before the evidence log's head is locked: the fact, its
 * evidence entry and these records are committed together or not at all, at no transaction or commit of their own.
 * The hub's intake uses it: the invoice registry's row and the source message's fact id (issue 14).
 *
 * <p>A companion must only write rows of its own, must not commit, roll back or change the connection's settings, and
 * must be quick. It runs for a fact the store held already too (a redelivery records it again). When it throws, its
 * batch is written again one fact at a time, so only its own fact fails, and it fails whole: not stored, not logged.
 */
@FunctionalInterface
public interface FactCompanion {
    void write(Connection c, SignedFact fact) throws SQLException;
}
