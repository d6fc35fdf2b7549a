package kz.digitaltenge.routes.procurement.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The portal's timestamps ({@code ts}): {@code YYYY-MM-DD HH:MM:SS} without a zone, sometimes with a fraction of a
 * second (bids carry microseconds). They are Kazakhstan's local time, read in {@link #ZONE} ({@code Asia/Almaty}: UTC+5
 * since 2024-03-01, UTC+6 before, by the JDK's time-zone data). Lenient where the portal varies: a {@code T} instead of
 * the space, no seconds, a date alone (its start), an explicit offset (honoured).
 */
public final class PortalTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private PortalTime() {
    }

    /**
     * The instant of a portal timestamp; null for null or blank (the portal's nulls are common).
     *
     * @throws IllegalArgumentException for anything that is no timestamp, naming it
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        TemporalAccessor parsed = read(text.strip());
        if (parsed instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (parsed instanceof LocalDateTime local) {
            return local.atZone(ZONE).toInstant();
        }
        return ((LocalDate) parsed).atStartOfDay(ZONE).toInstant();
    }

    /** The timestamp as Kazakhstan's local date and time; null for null or blank. */
    public static LocalDateTime parseLocal(String text) {
        Instant instant = parse(text);
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZONE);
    }

    private static TemporalAccessor read(String text) {
        try {
            if (text.length() > 40) {
                throw new DateTimeParseException("too long", text, 40);
            }
            return FORMAT.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a portal timestamp (YYYY-MM-DD HH:MM:SS, optionally with a fraction"
                    + " of a second, Asia/Almaty local time): '" + PortalPaths.shortened(text) + "'", e);
        }
    }
}
