package dev.lethe.domain;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Test-only reader of the shared ml-latest-small copy (ratings as RATE behaviours, genres as categories). */
public record MovieLensSmall(List<Behavior> ratings, Map<ItemId, Set<String>> genres) {
    public static final Path DIRECTORY = Path.of(System.getProperty("lethe.mlLatestSmall", "/work/shared/datasets/ml-latest-small"));

    /** The dataset, or empty when it is not on this machine. */
    public static Optional<MovieLensSmall> load() {
        Path ratings = DIRECTORY.resolve("ratings.csv");
        Path movies = DIRECTORY.resolve("movies.csv");
        if (!Files.isReadable(ratings) || !Files.isReadable(movies)) {
            return Optional.empty();
        }
        try {
            List<Behavior> events = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(ratings)) {
                in.readLine();
                int n = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",");
                    events.add(new Behavior(new EventId("r" + n++), new UserId(f[0]), new ItemId(f[1]), BehaviorType.RATE,
                            Instant.ofEpochSecond(Long.parseLong(f[3])), OptionalDouble.of(Double.parseDouble(f[2])), Optional.empty()));
                }
            }
            Map<ItemId, Set<String>> genres = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(movies)) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int first = line.indexOf(',');
                    int last = line.lastIndexOf(',');
                    String g = line.substring(last + 1);
                    Set<String> set = new LinkedHashSet<>();
                    if (!g.equals("(no genres listed)")) {
                        set.addAll(List.of(g.split("\\|")));
                    }
                    genres.put(new ItemId(line.substring(0, first)), set);
                }
            }
            return Optional.of(new MovieLensSmall(List.copyOf(events), Map.copyOf(genres)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
