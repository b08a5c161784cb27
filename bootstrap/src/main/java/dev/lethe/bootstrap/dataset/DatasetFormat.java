package dev.lethe.bootstrap.dataset;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.item.Item;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The dataset files the evaluator and the import read: a file of behaviours, streamed line by line, and
 * an item file with categories (and titles) beside it. A line that cannot be read goes to a
 * {@link BadLinePolicy} as a {@link BadLine} naming the file, the line number and the field.
 *
 * <p>Event ids: the {@code csv} format may carry an {@code event_id} column; every other behaviour gets
 * {@code <file name>:<line>:<hash>}: the file name with characters an id may not hold replaced by {@code -},
 * the line number padded to 10 digits (the store orders behaviours of one moment by event id, and so keeps
 * them in file order) and the first 12 hex digits of the SHA-256 of the line's text. The id is stable across re-runs of the same file (re-importing it stores nothing twice), also when
 * lines are appended to the file, and two different files of the same name do not collide unless the same
 * line number holds the very same text.
 */
public enum DatasetFormat {
    /**
     * MovieLens {@code ratings.csv} (userId,movieId,rating,timestamp with a header), genres and titles from
     * {@code movies.csv}; an item's creation time is 1 January (UTC) of the year its title ends with,
     * e.g. {@code Toy Story (1995)}: the release year, the nearest the file comes to when a film entered
     * the catalogue (none when the title has no year).
     */
    MOVIELENS_CSV("movielens-csv", "movies.csv") {
        private static final List<String> COLUMNS = List.of("userId", "movieId", "rating", "timestamp");

        @Override
        public void forEachEvent(Path path, BadLinePolicy onBadLine, EventSink sink) {
            forEachRating(path, StandardCharsets.UTF_8, true, ",", COLUMNS, onBadLine, sink);
        }

        @Override
        public Map<ItemId, Item> readItems(Path movies, BadLinePolicy onBadLine) {
            Map<ItemId, Item> items = new HashMap<>();
            forEachLine(movies, StandardCharsets.UTF_8, true, onBadLine, (line, n) -> {
                String[] cols = fields(splitQuoted(line).toArray(new String[0]), List.of("movieId", "title", "genres"));
                ItemId id = field("movieId", () -> new ItemId(cols[0].trim()));
                items.put(id, field("genres", () -> new Item(id, genres(cols[2].split("\\|")), Map.of("title", cols[1]), releaseYear(cols[1]))));
            });
            return items;
        }
    },
    /**
     * MovieLens 100K {@code u.data} (user item rating timestamp, tab-separated, no header), genres, titles
     * and release dates from {@code u.item}; an item's creation time is its release date (UTC midnight).
     */
    MOVIELENS_100K("movielens-100k", "u.item") {
        private static final List<String> COLUMNS = List.of("user id", "item id", "rating", "timestamp");

        @Override
        public void forEachEvent(Path path, BadLinePolicy onBadLine, EventSink sink) {
            forEachRating(path, StandardCharsets.ISO_8859_1, false, "\t", COLUMNS, onBadLine, sink);
        }

        @Override
        public Map<ItemId, Item> readItems(Path itemFile, BadLinePolicy onBadLine) {
            List<String> columns = new ArrayList<>(List.of("movie id", "movie title", "release date", "video release date", "IMDb URL"));
            columns.addAll(GENRES_100K);
            Map<ItemId, Item> items = new HashMap<>();
            forEachLine(itemFile, StandardCharsets.ISO_8859_1, false, onBadLine, (line, n) -> {
                String[] f = fields(line.split("\\|", -1), columns);
                ItemId id = field("movie id", () -> new ItemId(f[0].trim()));
                List<String> genres = new ArrayList<>();
                for (int g = 0; g < GENRES_100K.size(); g++) {
                    if (f[5 + g].trim().equals("1")) {
                        genres.add(GENRES_100K.get(g));
                    }
                }
                Optional<Instant> released = f[2].isBlank() ? Optional.empty()
                        : Optional.of(field("release date", () -> LocalDate.parse(f[2].trim(), RELEASE_DATE).atStartOfDay(ZoneOffset.UTC).toInstant()));
                items.put(id, field("movie title", () -> new Item(id, genres(genres.toArray(new String[0])), Map.of("title", f[1]), released)));
            });
            return items;
        }
    },
    /**
     * A generic CSV with a header naming the columns {@code user,item,timestamp[,type,value,event_id]} in any
     * order; items from {@code items.csv} beside it: a header naming {@code item} and optionally
     * {@code categories} (separated by {@code |}) and {@code created_at} (when the item entered the
     * catalogue: epoch seconds or ISO-8601, like {@code timestamp}); every other column (e.g. {@code title})
     * becomes an item attribute of that name, empty cells are left out. Item fields may be quoted as in RFC 4180.
     */
    CSV("csv", "items.csv") {
        @Override
        public void forEachEvent(Path path, BadLinePolicy onBadLine, EventSink sink) {
            String idPrefix = eventIdPrefix(path);
            List<String> header = new ArrayList<>();
            forEachLine(path, StandardCharsets.UTF_8, false, onBadLine, (line, n) -> {
                String[] f = line.split(",", -1);
                if (header.isEmpty()) {
                    header.addAll(header(path, n, line, f, List.of("user", "item", "timestamp"), "user,item,timestamp[,type,value,event_id]"));
                    return;
                }
                String[] cols = fields(f, header);
                String type = column(cols, header, "type");
                String value = column(cols, header, "value");
                String eventId = column(cols, header, "event_id");
                sink.accept(field("user/item/timestamp/type/value", () -> new Behavior(
                        eventId.isEmpty() ? eventId(idPrefix, n, line) : field("event_id", () -> new EventId(eventId)),
                        field("user", () -> new UserId(column(cols, header, "user"))),
                        field("item", () -> new ItemId(column(cols, header, "item"))),
                        type.isEmpty() ? BehaviorType.VIEW : field("type", () -> BehaviorType.parse(type)),
                        field("timestamp", () -> instant(column(cols, header, "timestamp"))),
                        value.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(field("value", () -> Double.parseDouble(value))),
                        Optional.empty())), n);
            });
            if (header.isEmpty()) {
                throw new IllegalArgumentException(path + " line 1: the file is empty; expected a header user,item,timestamp[,type,value,event_id]");
            }
        }

        @Override
        public Map<ItemId, Item> readItems(Path file, BadLinePolicy onBadLine) {
            Map<ItemId, Item> items = new HashMap<>();
            List<String> header = new ArrayList<>();
            forEachLine(file, StandardCharsets.UTF_8, false, onBadLine, (line, n) -> {
                String[] cells = splitQuoted(line).toArray(new String[0]);
                if (header.isEmpty()) {
                    header.addAll(header(file, n, line, cells, List.of("item"), "item[,categories][,title,...]"));
                    return;
                }
                String[] cols = fields(cells, header);
                ItemId id = field("item", () -> new ItemId(column(cols, header, "item")));
                Set<String> categories = genres(column(cols, header, "categories").split("\\|"));
                Map<String, String> attributes = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String value = cols[i].trim();
                    if (!header.get(i).equals("item") && !header.get(i).equals("categories") && !header.get(i).equals(CREATED_AT)
                            && !value.isEmpty()) {
                        attributes.put(header.get(i), value);
                    }
                }
                String createdAt = column(cols, header, CREATED_AT);
                Optional<Instant> created = createdAt.isEmpty() ? Optional.empty() : Optional.of(field(CREATED_AT, () -> instant(createdAt)));
                items.put(id, field("categories/attributes", () -> new Item(id, categories, attributes, created)));
            });
            return items;
        }
    };

    /** The 19 genre flags of MovieLens 100K's u.item, in column order. */
    static final List<String> GENRES_100K = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private final String wireName;
    private final String itemFileName;

    DatasetFormat(String wireName, String itemFileName) {
        this.wireName = wireName;
        this.itemFileName = itemFileName;
    }

    /** Receives the behaviours of a file in file order with the number of the line each came from. */
    @FunctionalInterface
    public interface EventSink {
        void accept(Behavior behavior, int line);
    }

    /**
     * Streams the behaviours of {@code path}, in file order, to {@code sink}; bad lines go to {@code onBadLine}.
     * Throws {@link IllegalArgumentException} when the file as a whole cannot be read (missing, empty, a header
     * without a required column) and {@link UncheckedIOException} when reading fails.
     */
    public abstract void forEachEvent(Path path, BadLinePolicy onBadLine, EventSink sink);

    /** The items of an item file in this format's item layout; bad lines go to {@code onBadLine}. */
    public abstract Map<ItemId, Item> readItems(Path itemFile, BadLinePolicy onBadLine);

    /**
     * The item file of the dataset at {@code events}: {@code given} when present (it must be a readable file),
     * else the format's item file beside it ({@code movies.csv}, {@code u.item}, {@code items.csv}) when there is one.
     */
    public Optional<Path> itemFile(Path events, Optional<Path> given) {
        if (given.isPresent()) {
            if (!Files.isRegularFile(given.get())) {
                throw new IllegalArgumentException("items must be a readable file, got: " + given.get());
            }
            return given;
        }
        Path parent = events.toAbsolutePath().getParent();
        Path beside = parent == null ? Path.of(itemFileName) : parent.resolve(itemFileName);
        return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    /** Reads the whole dataset at {@code path} with the items beside it, failing at the first bad line. */
    public Dataset read(Path path) {
        return read(path, Optional.empty());
    }

    /** Reads the whole dataset at {@code path} with the items of {@link #itemFile}, failing at the first bad line. */
    public Dataset read(Path path, Optional<Path> itemFile) {
        Optional<Path> items = itemFile(path, itemFile);
        List<Behavior> events = new ArrayList<>();
        forEachEvent(path, BadLinePolicy.FAIL_FAST, (behavior, line) -> events.add(behavior));
        return new Dataset(datasetName(path), events, items.map(f -> readItems(f, BadLinePolicy.FAIL_FAST)).orElse(Map.of()));
    }

    /** The name used on the command line. */
    public String wireName() {
        return wireName;
    }

    /** Parses a command-line name. */
    public static DatasetFormat parse(String text) {
        for (DatasetFormat f : values()) {
            if (f.wireName.equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be movielens-csv, movielens-100k or csv, got: " + text);
    }

    /** The id of a behaviour read from {@code line} of {@code file} whose text is {@code text} (see the type's comment). */
    static EventId derivedEventId(Path file, int line, String text) {
        return eventId(eventIdPrefix(file), line, text);
    }

    /** The file-name part of derived event ids, computed once per file: the per-line part is on the hot path. */
    private static String eventIdPrefix(Path file) {
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._@-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        return (name.isEmpty() ? "file" : name.substring(0, Math.min(name.length(), 96))) + ':';
    }

    private static EventId eventId(String prefix, int line, String text) {
        String number = Integer.toString(line);
        byte[] hash = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return new EventId(prefix + "0000000000".substring(number.length()) + number + ':' + HexFormat.of().formatHex(hash, 0, 6));
    }

    private interface LineHandler {
        void accept(String line, int lineNumber);
    }

    private interface Parse<T> {
        T get();
    }

    /** A field of one line that cannot be read; {@link #forEachLine} turns it into a {@link BadLine}. */
    private static final class BadField extends IllegalArgumentException {
        private final String field;

        BadField(String field, String reason, Throwable cause) {
            super(reason, cause);
            this.field = field;
        }
    }

    private static void forEachLine(Path path, Charset charset, boolean skipHeader, BadLinePolicy onBadLine, LineHandler handler) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("dataset must be a readable file, got: " + path);
        }
        try (BufferedReader reader = Files.newBufferedReader(path, charset)) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if ((skipHeader && n == 1) || line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(line, n);
                } catch (BadField e) {
                    onBadLine.badLine(new BadLine(path, n, e.field, String.valueOf(e.getMessage())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** MovieLens ratings: user, item, rating, epoch-seconds timestamp separated by {@code separator} (a regex). */
    private static void forEachRating(Path path, Charset charset, boolean skipHeader, String separator, List<String> columns,
            BadLinePolicy onBadLine, EventSink sink) {
        String idPrefix = eventIdPrefix(path);
        forEachLine(path, charset, skipHeader, onBadLine, (line, n) -> {
            String[] f = fields(line.split(separator, -1), columns);
            sink.accept(new Behavior(
                    eventId(idPrefix, n, line),
                    field("user", () -> new UserId(f[0].trim())),
                    field("item", () -> new ItemId(f[1].trim())),
                    BehaviorType.RATE,
                    field("timestamp", () -> Instant.ofEpochSecond(Long.parseLong(f[3].trim()))),
                    OptionalDouble.of(field("rating", () -> Double.parseDouble(f[2].trim()))),
                    Optional.empty()), n);
        });
    }

    /** Epoch seconds (fractions allowed) or an ISO-8601 instant such as 2024-05-01T12:00:00Z. */
    /** The column of {@code items.csv} that holds an item's creation time. */
    static final String CREATED_AT = "created_at";
    private static final java.time.format.DateTimeFormatter RELEASE_DATE = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("dd-MMM-yyyy").toFormatter(java.util.Locale.ROOT);
    private static final java.util.regex.Pattern TITLE_YEAR = java.util.regex.Pattern.compile("\\((\\d{4})\\)\\s*$");

    /** 1 January (UTC) of the year a MovieLens title ends with, as in {@code Heat (1995)}; empty without one. */
    static Optional<Instant> releaseYear(String title) {
        java.util.regex.Matcher m = TITLE_YEAR.matcher(title);
        return m.find() ? Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant()) : Optional.empty();
    }

    private static Instant instant(String text) {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') && !text.contains("T")) {
            double seconds = Double.parseDouble(text);
            if (!Double.isFinite(seconds)) {
                throw new IllegalArgumentException("must be finite, got: " + text);
            }
            return Instant.ofEpochMilli(Math.round(seconds * 1000));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be epoch seconds or an ISO-8601 instant, got: '" + text + "'", e);
        }
    }

    private static <T> T field(String name, Parse<T> parse) {
        try {
            return parse.get();
        } catch (BadField e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadField(name, String.valueOf(e.getMessage()), e);
        }
    }

    /** The fields of a line that has at least one per column; else the first missing column is at fault. */
    private static String[] fields(String[] fields, List<String> columns) {
        if (fields.length < columns.size()) {
            throw new BadField(columns.get(fields.length), "missing: expected " + columns.size() + " fields, got " + fields.length, null);
        }
        return fields;
    }

    /** The lower-cased column names of a header line that names every required column. */
    private static List<String> header(Path path, int n, String line, String[] cells, List<String> required, String expected) {
        List<String> names = new ArrayList<>();
        for (String cell : cells) {
            names.add(cell.trim().toLowerCase(Locale.ROOT));
        }
        for (String column : required) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException(path + " line " + n + ": the header must name the column '" + column
                        + "' (expected " + expected + "), got: " + line);
            }
        }
        return names;
    }

    private static String column(String[] cols, List<String> header, String name) {
        int i = header.indexOf(name);
        return i < 0 ? "" : cols[i].trim();
    }

    private static Set<String> genres(String[] names) {
        Set<String> genres = new LinkedHashSet<>();
        for (String g : names) {
            String t = g.trim();
            if (!t.isEmpty() && !t.equals("(no genres listed)")) {
                genres.add(t);
            }
        }
        return genres;
    }

    private static String datasetName(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        String file = path.getFileName().toString();
        return parent == null || parent.getFileName() == null ? file : parent.getFileName() + "/" + file;
    }

    /** Splits one CSV line with RFC 4180 quoting (movies.csv quotes titles that contain commas). */
    static List<String> splitQuoted(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
