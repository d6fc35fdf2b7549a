package kz.digitaltenge.routes.subsidy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Region and district names as the subsidy system writes them, to KATO codes (9 digits), from a reference table in the
 * module ({@value #BUNDLED}) or one the operator names ({@code hub.sources.subsidy.kato-table}). A name that is not in
 * the table is unknown: the caller refuses the record (UNKNOWN_REFERENCE), nothing is guessed.
 *
 * <p>Names match after case folding, {@code ё} as {@code е}, blanks collapsed, and the abbreviations {@code обл.} and
 * {@code р-н} written out; every other spelling is an alias in the table.
 */
public final class KatoTable {
    public static final String BUNDLED = "kato/regions.csv";
    private static final Pattern KATO = Pattern.compile("\\d{9}");
    private static final KatoTable DEFAULT = load();

    /** What a place is: an oblast, a city of republican significance, or a district of one of them. */
    public enum Level { REGION, CITY, DISTRICT }

    /** One place: its code, level, the code of the region it belongs to (districts), and the name terms carry. */
    public record Place(String kato, Level level, String parent, String name) {
    }

    private final Map<String, Place> byCode;
    private final Map<String, Place> regions;
    /** region code → normalised district name → district. */
    private final Map<String, Map<String, Place>> districts;

    private KatoTable(Map<String, Place> byCode, Map<String, Place> regions, Map<String, Map<String, Place>> districts) {
        this.byCode = byCode;
        this.regions = regions;
        this.districts = districts;
    }

    /** The table shipped in the module. */
    public static KatoTable bundled() {
        return DEFAULT;
    }

    /** A table in the bundled format from a file (UTF-8). */
    public static KatoTable read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("KATO table " + file + " cannot be read", e);
        }
    }

    /**
     * A table in the bundled format: {@code kato;level;parent;name;aliases}, lines starting with {@code #} are comments.
     *
     * @throws IllegalStateException when the table is inconsistent (a code that is not 9 digits, a code or a name twice,
     *                               a district without its region or outside it)
     */
    public static KatoTable read(Reader reader, String source) {
        Map<String, Place> byCode = new LinkedHashMap<>();
        Map<String, Place> regions = new HashMap<>();
        Map<String, Map<String, Place>> districts = new HashMap<>();
        List<String[]> pendingDistricts = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setCommentMarker('#').setHeader()
                .setSkipHeaderRecord(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                String where = source + " line " + parser.getCurrentLineNumber();
                String kato = r.get("kato");
                Level level;
                try {
                    level = Level.valueOf(r.get("level"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(where + ": level must be REGION, CITY or DISTRICT");
                }
                String parent = r.get("parent");
                String name = r.get("name");
                if (!KATO.matcher(kato).matches()) {
                    throw new IllegalStateException(where + ": KATO code '" + kato + "' is not 9 digits");
                }
                if (name.isEmpty()) {
                    throw new IllegalStateException(where + ": the name is missing");
                }
                Place place = new Place(kato, level, level == Level.DISTRICT ? parent : null, name);
                if (byCode.putIfAbsent(kato, place) != null) {
                    throw new IllegalStateException(where + ": KATO code " + kato + " is in the table twice");
                }
                List<String> names = new ArrayList<>();
                names.add(name);
                String aliases = r.isMapped("aliases") && r.isSet("aliases") ? r.get("aliases") : "";
                for (String a : aliases.split("\\|")) {
                    if (!a.isBlank()) {
                        names.add(a.strip());
                    }
                }
                if (level == Level.DISTRICT) {
                    pendingDistricts.add(new String[] {where, kato});
                    Map<String, Place> inRegion = districts.computeIfAbsent(parent, k -> new HashMap<>());
                    for (String n : names) {
                        if (inRegion.putIfAbsent(normal(n), place) != null) {
                            throw new IllegalStateException(where + ": district name '" + n + "' is twice in region " + parent);
                        }
                    }
                } else {
                    if (!parent.isEmpty()) {
                        throw new IllegalStateException(where + ": a " + level + " has no parent");
                    }
                    if (!kato.endsWith("0000000")) {
                        throw new IllegalStateException(where + ": a " + level + "'s code ends in seven zeros");
                    }
                    for (String n : names) {
                        if (regions.putIfAbsent(normal(n), place) != null) {
                            throw new IllegalStateException(where + ": region name '" + n + "' is in the table twice");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("KATO table " + source + " cannot be read", e);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new IllegalStateException("KATO table " + source + " is not a table of kato;level;parent;name;aliases: "
                    + e.getMessage(), e);
        }
        for (String[] d : pendingDistricts) {
            Place district = byCode.get(d[1]);
            Place region = byCode.get(district.parent());
            if (region == null || region.level() == Level.DISTRICT) {
                throw new IllegalStateException(d[0] + ": district " + district.name() + " names no region of the table ("
                        + district.parent() + ")");
            }
            if (!district.kato().startsWith(region.kato().substring(0, 2))) {
                throw new IllegalStateException(d[0] + ": district " + district.kato() + " is not inside region " + region.kato());
            }
        }
        return new KatoTable(Map.copyOf(byCode), Map.copyOf(regions), Map.copyOf(districts));
    }

    private static KatoTable load() {
        try (InputStream in = KatoTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the module");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The oblast or city of republican significance of this name. */
    public Optional<Place> region(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(regions.get(normal(name)));
    }

    /** The district of this name in the region. */
    public Optional<Place> district(Place region, String name) {
        if (region == null || name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(districts.getOrDefault(region.kato(), Map.of()).get(normal(name)));
    }

    /** The place of a code. */
    public Optional<Place> place(String kato) {
        return Optional.ofNullable(byCode.get(kato));
    }

    /** Every oblast and city of republican significance, by code. */
    public List<Place> regions() {
        return byCode.values().stream().filter(p -> p.level() != Level.DISTRICT)
                .sorted(java.util.Comparator.comparing(Place::kato)).toList();
    }

    /** Every district of the region, by code. */
    public List<Place> districts(Place region) {
        return districts.getOrDefault(region.kato(), Map.of()).values().stream().distinct()
                .sorted(java.util.Comparator.comparing(Place::kato)).toList();
    }

    static String normal(String name) {
        String n = name.strip().replaceAll("[\\s\\u00A0\\u202F]+", " ").toLowerCase(Locale.ROOT).replace('ё', 'е');
        n = n.replaceAll("(^| )обл\\.?( |$)", "$1область$2").replaceAll("(^| )р-н\\.?( |$)", "$1район$2");
        return n.strip();
    }
}
