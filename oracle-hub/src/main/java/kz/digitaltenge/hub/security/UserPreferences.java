package kz.digitaltenge.hub.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/** What a user chose in the admin UI and keeps across sign-ins (the hub table {@code user_preferences}). */
public final class UserPreferences {
    /** The admin UI's languages: Kazakh, Russian, English. */
    public static final Set<String> LANGUAGES = Set.of("kk", "ru", "en");

    private final DataSource db;

    public UserPreferences(DataSource db) {
        this.db = db;
    }

    public Optional<String> language(String user) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select language from user_preferences where user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // a preference is a convenience: the UI falls back to the browser's language
        }
    }

    public void setLanguage(String user, String language) {
        if (language == null || !LANGUAGES.contains(language)) {
            throw new LedgerException(ReasonCode.MALFORMED, "language must be one of kk, ru, en, not '" + language + "'");
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into user_preferences(user_name, language) values (?, ?)"
                     + " on conflict (user_name) do update set language = excluded.language, updated_at = clock_timestamp()")) {
            ps.setString(1, user);
            ps.setString(2, language);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "the preference was not saved: the database is unavailable", e);
        }
    }
}
