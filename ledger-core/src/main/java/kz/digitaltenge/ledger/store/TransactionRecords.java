package kz.digitaltenge.ledger.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;

/** The committed transactions, read back by id, by client reference, and the MARK transactions a trace starts from. */
public final class TransactionRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbc jdbc;

    TransactionRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of committed MARK transactions with an output whose marking starts with {@code markingPrefix}, in commit order. */
    public List<TxId> markTransactions(String markingPrefix) {
        return jdbc.query("select distinct t.tx_id, t.seq from transactions t join outputs o on o.tx_id = t.tx_id"
                + " where t.type = 'MARK' and o.marking like ? order by t.seq", rs -> TxId.of(rs.getBytes(1)),
                markingPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** Ids of all committed MARK transactions, in commit order. */
    public List<TxId> markTransactions() {
        return jdbc.query("select tx_id from transactions where type = 'MARK' order by seq", rs -> TxId.of(rs.getBytes(1)));
    }

    /** Committed transactions of a type with the given client reference, in commit order. */
    public List<CommittedTransaction> findByReference(TxType type, String reference) {
        return jdbc.query("select tx_id, seq, committed_at, body, signatures, balances, type, reference from transactions"
                + " where reference = ? and type = ? order by seq", TransactionRecords::readTransaction, reference, type.name());
    }


    public Optional<CommittedTransaction> findTransaction(TxId id) {
        List<CommittedTransaction> found = jdbc.query(
                "select tx_id, seq, committed_at, body, signatures, balances, type, reference from transactions where tx_id = ?",
                TransactionRecords::readTransaction, (Object) id.bytes());
        return found.stream().findFirst();
    }

    private static CommittedTransaction readTransaction(ResultSet rs) throws SQLException {
        TxId id = TxId.of(rs.getBytes(1));
        long seq = rs.getLong(2);
        Instant at = rs.getTimestamp(3).toInstant();
        Transaction tx = CanonicalDecoder.decode(rs.getBytes(4));
        List<TxSignature> sigs = parseSignatures(rs.getString(5));
        Map<AccountNumber, Long> balances = new TreeMap<>();
        try {
            Map<String, Long> raw = JSON.readValue(rs.getString(6), new TypeReference<LinkedHashMap<String, Long>>() { });
            raw.forEach((k, v) -> balances.put(new AccountNumber(k), v));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored balances of " + id + " are not JSON", e);
        }
        return new CommittedTransaction(id, seq, at, new SignedTransaction(tx, sigs), balances);
    }


    /** The signatures column: key id and base64 value of each, in order. */
    static String signaturesJson(List<TxSignature> signatures) {
        List<Map<String, String>> list = new ArrayList<>();
        for (TxSignature s : signatures) {
            list.add(Map.of("keyId", s.keyId(), "value", java.util.Base64.getEncoder().encodeToString(s.value())));
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private static List<TxSignature> parseSignatures(String json) {
        try {
            List<Map<String, String>> list = JSON.readValue(json, new TypeReference<List<Map<String, String>>>() { });
            List<TxSignature> result = new ArrayList<>();
            for (Map<String, String> m : list) {
                result.add(new TxSignature(m.get("keyId"), java.util.Base64.getDecoder().decode(m.get("value"))));
            }
            return result;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored signatures are not JSON", e);
        }
    }


    /** The balances column: each touched account's balance right after the transaction. */
    static String balancesJson(Map<AccountNumber, Long> balances) {
        Map<String, Long> m = new LinkedHashMap<>();
        balances.forEach((k, v) -> m.put(k.value(), v));
        try {
            return JSON.writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
