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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The dataset files the evaluator reads. Every malformed line fails with an
 * {@link IllegalArgumentException} naming the file, the line number and the field.
 */
public enum DatasetFormat {
    /** MovieLens {@code ratings.csv} (userId,movieId,rating,timestamp with a header), genres from {@code movies.csv} beside it. */
    MOVIELENS_CSV("movielens-csv") {
        @Override
        public Dataset read(Path path, Optional<Path> itemFile) {
            List<Behavior> events = new ArrayList<>();
            forEachLine(path, StandardCharsets.UTF_8, true, (line, n) -> {
                String[] f = fields(path, n, line.split(",", -1), 4);
                events.add(rating(path, n, f[0], f[1], f[2], f[3]));
            });
            Map<ItemId, Item> items = new HashMap<>();
            Path movies = itemFile(path, itemFile, "movies.csv");
            if (Files.isRegularFile(movies)) {
                forEachLine(movies, StandardCharsets.UTF_8, true, (line, n) -> {
                    List<String> f = splitQuoted(line);
                    String[] cols = fields(movies, n, f.toArray(new String[0]), 3);
                    ItemId id = field(movies, n, "movieId", () -> new ItemId(cols[0]));
                    items.put(id, field(movies, n, "genres", () -> new Item(id, genres(cols[2].split("\\|")), Map.of("title", cols[1]))));
                });
            }
            return new Dataset(datasetName(path), events, items);
        }
    },
    /** MovieLens 100K {@code u.data} (user item rating timestamp, tab-separated, no header), genres from {@code u.item}. */
    MOVIELENS_100K("movielens-100k") {
        @Override
        public Dataset read(Path path, Optional<Path> itemPath) {
            List<Behavior> events = new ArrayList<>();
            forEachLine(path, StandardCharsets.ISO_8859_1, false, (line, n) -> {
                String[] f = fields(path, n, line.split("\t", -1), 4);
                events.add(rating(path, n, f[0], f[1], f[2], f[3]));
            });
            Map<ItemId, Item> items = new HashMap<>();
            Path itemFile = itemFile(path, itemPath, "u.item");
            if (Files.isRegularFile(itemFile)) {
                forEachLine(itemFile, StandardCharsets.ISO_8859_1, false, (line, n) -> {
                    String[] f = fields(itemFile, n, line.split("\\|", -1), 5 + GENRES_100K.size());
                    ItemId id = field(itemFile, n, "movie id", () -> new ItemId(f[0]));
                    List<String> genres = new ArrayList<>();
                    for (int g = 0; g < GENRES_100K.size(); g++) {
                        if (f[5 + g].trim().equals("1")) {
                            genres.add(GENRES_100K.get(g));
                        }
                    }
                    items.put(id, field(itemFile, n, "title", () -> new Item(id, genres(genres.toArray(new String[0])), Map.of("title", f[1]))));
                });
            }
            return new Dataset(datasetName(path), events, items);
        }
    },
    /**
     * A generic CSV with a header naming the columns {@code user,item,timestamp[,type,value]} in any order;
     * items from {@code items.csv} beside it (see {@link #readItemsCsv}).
     */
    CSV("csv") {
        @Override
        public Dataset read(Path path, Optional<Path> itemFile) {
            List<Behavior> events = new ArrayList<>();
            Map<String, Integer> columns = new HashMap<>();
            forEachLine(path, StandardCharsets.UTF_8, false, (line, n) -> {
                String[] f = line.split(",", -1);
                if (columns.isEmpty()) {
                    for (int i = 0; i < f.length; i++) {
                        columns.put(f[i].trim().toLowerCase(Locale.ROOT), i);
                    }
                    for (String required : List.of("user", "item", "timestamp")) {
                        if (!columns.containsKey(required)) {
                            throw new IllegalArgumentException(path + " line " + n + ": the header must name the column '" + required
                                    + "' (expected user,item,timestamp[,type,value]), got: " + line);
                        }
                    }
                    return;
                }
                String[] cols = fields(path, n, f, columns.size());
                String type = column(cols, columns, "type");
                String value = column(cols, columns, "value");
                events.add(field(path, n, "user/item/timestamp/type/value", () -> new Behavior(
                        new EventId("line-" + n),
                        field(path, n, "user", () -> new UserId(cols[columns.get("user")].trim())),
                        field(path, n, "item", () -> new ItemId(cols[columns.get("item")].trim())),
                        type.isEmpty() ? BehaviorType.VIEW : field(path, n, "type", () -> BehaviorType.parse(type)),
                        field(path, n, "timestamp", () -> instant(cols[columns.get("timestamp")].trim())),
                        value.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(field(path, n, "value", () -> Double.parseDouble(value))),
                        Optional.empty())));
            });
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(path + " line 1: the file is empty; expected a header user,item,timestamp[,type,value]");
            }
            Path items = itemFile(path, itemFile, "items.csv");
            return new Dataset(datasetName(path), events, Files.isRegularFile(items) ? readItemsCsv(items) : Map.of());
        }
    };

    /** The 19 genre flags of MovieLens 100K's u.item, in column order. */
    static final List<String> GENRES_100K = List.of("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private final String wireName;

    DatasetFormat(String wireName) {
        this.wireName = wireName;
    }

    /** Reads the dataset at {@code path} with the items of the format's item file beside it, when there is one. */
    public Dataset read(Path path) {
        return read(path, Optional.empty());
    }

    /**
     * Reads the dataset at {@code path}; items come from {@code itemFile} when given (it must exist), else
     * from the format's item file beside {@code path} when there is one ({@code movies.csv}, {@code u.item},
     * {@code items.csv}).
     */
    public abstract Dataset read(Path path, Optional<Path> itemFile);

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

    private interface LineHandler {
        void accept(String line, int lineNumber);
    }

    private interface Parse<T> {
        T get();
    }

    private static void forEachLine(Path path, Charset charset, boolean skipHeader, LineHandler handler) {
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
                handler.accept(line, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Behavior rating(Path path, int n, String user, String item, String rating, String timestamp) {
        return new Behavior(
                new EventId("line-" + n),
                field(path, n, "user", () -> new UserId(user.trim())),
                field(path, n, "item", () -> new ItemId(item.trim())),
                BehaviorType.RATE,
                field(path, n, "timestamp", () -> Instant.ofEpochSecond(Long.parseLong(timestamp.trim()))),
                OptionalDouble.of(field(path, n, "rating", () -> Double.parseDouble(rating.trim()))),
                Optional.empty());
    }

    /** Epoch seconds (fractions allowed) or an ISO-8601 instant such as 2024-05-01T12:00:00Z. */
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

    private static <T> T field(Path path, int n, String name, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(path + " line ")) {
                throw e;
            }
            throw new IllegalArgumentException(path + " line " + n + ": bad " + name + ": " + e.getMessage(), e);
        }
    }

    private static String[] fields(Path path, int n, String[] fields, int expected) {
        if (fields.length < expected) {
            throw new IllegalArgumentException(path + " line " + n + ": expected " + expected + " fields, got " + fields.length);
        }
        return fields;
    }

    private static String column(String[] cols, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null ? "" : cols[i].trim();
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

    /**
     * Reads an {@code items.csv} as {@code lethe generate} writes it: a header naming the columns, {@code item}
     * required, {@code categories} optional with categories separated by {@code |}; every other column (e.g.
     * {@code title}) becomes an attribute of that name, empty cells are left out. Fields may be quoted as in
     * RFC 4180, so a title may hold commas.
     */
    static Map<ItemId, Item> readItemsCsv(Path file) {
        Map<ItemId, Item> items = new HashMap<>();
        List<String> header = new ArrayList<>();
        forEachLine(file, StandardCharsets.UTF_8, false, (line, n) -> {
            List<String> cells = splitQuoted(line);
            if (header.isEmpty()) {
                cells.forEach(c -> header.add(c.trim().toLowerCase(Locale.ROOT)));
                if (!header.contains("item")) {
                    throw new IllegalArgumentException(file + " line " + n + ": the header must name the column 'item' "
                            + "(expected item[,categories][,title,...]), got: " + line);
                }
                return;
            }
            String[] cols = fields(file, n, cells.toArray(new String[0]), header.size());
            ItemId id = field(file, n, "item", () -> new ItemId(cols[header.indexOf("item")].trim()));
            Set<String> categories = new LinkedHashSet<>();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String value = cols[i].trim();
                if (header.get(i).equals("categories")) {
                    categories = genres(value.split("\\|"));
                } else if (!header.get(i).equals("item") && !value.isEmpty()) {
                    attributes.put(header.get(i), value);
                }
            }
            Set<String> itemCategories = categories;
            items.put(id, field(file, n, "categories/attributes", () -> new Item(id, itemCategories, attributes)));
        });
        return items;
    }

    private static Path itemFile(Path events, Optional<Path> given, String defaultName) {
        if (given.isPresent() && !Files.isRegularFile(given.get())) {
            throw new IllegalArgumentException("items must be a readable file, got: " + given.get());
        }
        return given.orElseGet(() -> sibling(events, defaultName));
    }

    private static Path sibling(Path path, String name) {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
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
