package kz.digitaltenge.hub.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;

/**
 * The registered facts, as the sources' translators, checks and reactions read them; and the index of the terms a
 * source declares for lookup ({@code fact_lookup}), written when its fact is stored.
 */
public final class HubFactLookup implements FactLookup {
    private final FactBook facts;
    private final DataSource db;

    public HubFactLookup(FactBook facts, DataSource db) {
        this.facts = facts;
        this.db = db;
    }

    @Override
    public Optional<KnownFact> latest(String type, String subject) {
        FactType t;
        try {
            t = FactType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return facts.latest(t, subject).map(HubFactLookup::known);
    }

    @Override
    public List<String> subjectsBy(String type, String term, String value) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select subject from fact_lookup"
                + " where fact_type = ? and term = ? and value = ? order by first_seen, subject limit 1000")) {
            ps.setString(1, type);
            ps.setString(2, term);
            ps.setString(3, value);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "fact lookup unavailable", e);
        }
    }

    /**
     * Indexes the declared terms of a stored fact (idempotent: a redelivery writes nothing new): rows added to the group
     * append's batched statements, written inside its transaction with the fact.
     */
    void index(kz.digitaltenge.ledger.fact.CompanionStatements statements, Fact fact, Set<String> terms) throws SQLException {
        for (String term : terms) {
            String value = fact.terms().get(term);
            if (value == null || value.isEmpty()) {
                continue;
            }
            PreparedStatement ps = statements.batched("insert into fact_lookup(fact_type, term, value, subject) values (?,?,?,?) on conflict do nothing");
            ps.setString(1, fact.type().name());
            ps.setString(2, term);
            ps.setString(3, value);
            ps.setString(4, fact.subject());
            ps.addBatch();
        }
    }

    static KnownFact known(SignedFact f) {
        return new KnownFact(f.id().hex(), f.fact().type().name(), f.fact().subject(), f.fact().terms(),
                Instant.ofEpochMilli(f.fact().issuedAtMillis()));
    }
}
