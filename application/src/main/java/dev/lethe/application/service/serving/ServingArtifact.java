package dev.lethe.application.service.serving;

import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.content.ContentAffinity;
import dev.lethe.domain.content.ContentIndex;
import dev.lethe.domain.content.ContentNeighbours;
import dev.lethe.domain.interest.CompactNeighbours;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.OnlinePopularity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a training job leaves for serving, beside whatever the family's own artifact is: the catalogue
 * as of training, the store's sequence number the job read up to (the serving feed catches up from
 * there), the decayed-popularity state of every curve serving needs as of the training moment, and
 * for the {@code profile} family its settings and co-occurrence counts ({@link CompactNeighbours}),
 * and for {@code profile-content} also its {@link Content} part.
 * Loading it reads files whose size is bounded by the catalogue; no behaviour is replayed.
 *
 * <p>Files under the version's directory: {@code serving/serving.properties}, {@code serving/catalogue.txt}
 * (item ids in index order), {@code serving/popularity-N.bin}, {@code serving/neighbours.bin},
 * {@code serving/content-index.bin}, {@code serving/content-neighbours.bin}.
 *
 * @param fallbackCurve the curve of the popularity that answers users without history (empty: plain counts)
 * @param popularity the popularity state per curve (empty key: plain counts), indexed like {@code catalogue}
 * @param unseen sequence numbers up to {@code watermark} the training read did not see (transactions that
 *     had not committed yet, or numbers that will never hold a row): serving reads them too when it
 *     catches up from the watermark, so a behaviour that committed late is counted once, not lost
 */
public record ServingArtifact(Catalogue catalogue, long watermark, Optional<ForgettingCurve> fallbackCurve,
                              Map<Optional<ForgettingCurve>, OnlinePopularity> popularity,
                              Optional<ProfileRecommender.Settings> profileSettings, Optional<CompactNeighbours> neighbours,
                              Optional<Content> content, SortedSet<Long> unseen) {
    /** The subdirectory of a version's artifact directory. */
    public static final String DIRECTORY = "serving";
    private static final String PROPERTIES = "serving.properties";
    private static final String CATALOGUE = "catalogue.txt";
    private static final String NEIGHBOURS = "neighbours.bin";
    private static final String CONTENT_INDEX = "content-index.bin";
    private static final String CONTENT_NEIGHBOURS = "content-neighbours.bin";

    /**
     * The content part of a {@code profile-content} version: the TF-IDF index fitted at training (its
     * vocabulary and idf vectorise items that join later), each item's content neighbours, the two
     * fitted weights and the new-item window in days ({@link ContentAffinity}).
     */
    public record Content(ContentIndex index, ContentNeighbours neighbours, double weight, double newItemWeight, double newItemDays) {
        public Content {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(neighbours, "neighbours");
        }
    }

    /** An artifact without a content part. */
    public ServingArtifact(Catalogue catalogue, long watermark, Optional<ForgettingCurve> fallbackCurve,
                           Map<Optional<ForgettingCurve>, OnlinePopularity> popularity,
                           Optional<ProfileRecommender.Settings> profileSettings, Optional<CompactNeighbours> neighbours) {
        this(catalogue, watermark, fallbackCurve, popularity, profileSettings, neighbours, Optional.empty());
    }

    /** An artifact whose read saw every sequence number up to its watermark. */
    public ServingArtifact(Catalogue catalogue, long watermark, Optional<ForgettingCurve> fallbackCurve,
                           Map<Optional<ForgettingCurve>, OnlinePopularity> popularity,
                           Optional<ProfileRecommender.Settings> profileSettings, Optional<CompactNeighbours> neighbours,
                           Optional<Content> content) {
        this(catalogue, watermark, fallbackCurve, popularity, profileSettings, neighbours, content, new TreeSet<>());
    }
    private static final int FORMAT = 1;

    public ServingArtifact {
        Objects.requireNonNull(catalogue, "catalogue");
        popularity = Map.copyOf(popularity);
        if (!popularity.containsKey(fallbackCurve)) {
            throw new IllegalArgumentException("popularity must hold the fallback curve " + fallbackCurve);
        }
        if (profileSettings.isPresent() != neighbours.isPresent()) {
            throw new IllegalArgumentException("profile settings and neighbours come together");
        }
        if (profileSettings.isPresent() && !popularity.containsKey(Optional.of(profileSettings.get().popularityCurve()))) {
            throw new IllegalArgumentException("popularity must hold the profile's prior curve " + profileSettings.get().popularityCurve());
        }
        Objects.requireNonNull(content, "content");
        if (content.isPresent() && (profileSettings.isEmpty() || !popularity.containsKey(Optional.empty()))) {
            throw new IllegalArgumentException("a content part needs the profile and the plain counts");
        }
        unseen = Collections.unmodifiableSortedSet(new TreeSet<>(unseen));
        if (!unseen.isEmpty() && (unseen.first() < 1 || unseen.last() > watermark)) {
            throw new IllegalArgumentException("unseen sequence numbers must lie in [1, watermark " + watermark + "], got " + unseen);
        }
    }

    /** Whether {@code versionDirectory} holds a serving artifact. */
    public static boolean presentIn(Path versionDirectory) {
        return Files.isRegularFile(versionDirectory.resolve(DIRECTORY).resolve(PROPERTIES));
    }

    /** Writes this artifact under {@code versionDirectory}/{@value #DIRECTORY}. */
    public void write(Path versionDirectory) {
        writeTo(versionDirectory.resolve(DIRECTORY));
    }

    /** Writes this artifact into {@code dir} itself (for models that keep such state as a part of theirs). */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("format", Integer.toString(FORMAT));
            p.setProperty("watermark", Long.toString(watermark));
            p.setProperty("unseen", unseen.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
            p.setProperty("catalogueSize", Integer.toString(catalogue.size()));
            p.setProperty("fallbackCurve", encode(fallbackCurve));
            List<Optional<ForgettingCurve>> curves = new ArrayList<>(popularity.keySet());
            curves.sort((a, b) -> encode(a).compareTo(encode(b)));
            p.setProperty("popularityStates", Integer.toString(curves.size()));
            for (int k = 0; k < curves.size(); k++) {
                p.setProperty("popularity." + k, encode(curves.get(k)));
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("popularity-" + k + ".bin"))))) {
                    popularity.get(curves.get(k)).write(out);
                }
            }
            if (profileSettings.isPresent()) {
                ProfileRecommender.Settings s = profileSettings.get();
                p.setProperty("profile.profileCurve", encode(Optional.of(s.profileCurve())));
                p.setProperty("profile.popularityCurve", encode(Optional.of(s.popularityCurve())));
                p.setProperty("profile.window", Integer.toString(s.window()));
                p.setProperty("profile.profileItems", Integer.toString(s.profileItems()));
                p.setProperty("profile.cooccurrenceWeight", Double.toString(s.cooccurrenceWeight()));
                p.setProperty("profile.categoryWeight", Double.toString(s.categoryWeight()));
                p.setProperty("profile.popularityWeight", Double.toString(s.popularityWeight()));
                p.setProperty("profile.direction", s.direction().name());
                p.setProperty("profile.distanceWeighted", Boolean.toString(s.distanceWeighted()));
                p.setProperty("profile.lastItemWeight", Double.toString(s.lastItemWeight()));
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(NEIGHBOURS))))) {
                    neighbours.get().write(out);
                }
            }
            if (content.isPresent()) {
                p.setProperty("content.weight", Double.toString(content.get().weight()));
                p.setProperty("content.newItemWeight", Double.toString(content.get().newItemWeight()));
                p.setProperty("content.newItemDays", Double.toString(content.get().newItemDays()));
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CONTENT_INDEX))))) {
                    content.get().index().write(out);
                }
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CONTENT_NEIGHBOURS))))) {
                    content.get().neighbours().write(out);
                }
            }
            List<String> ids = new ArrayList<>(catalogue.size());
            for (ItemId id : catalogue.items()) {
                ids.add(id.value());
            }
            Files.write(dir.resolve(CATALOGUE), ids, StandardCharsets.UTF_8);
            // Written last: its presence says the rest is complete.
            try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
                p.store(w, "Lethe serving state as of training");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the serving artifact to " + dir, e);
        }
    }

    /**
     * Reads the artifact under {@code versionDirectory}; the profile's behaviour weights are
     * {@code weights} (the tenant kind's, as at training).
     */
    public static ServingArtifact read(Path versionDirectory, BehaviorWeights weights) {
        return readFrom(versionDirectory.resolve(DIRECTORY), weights);
    }

    /** Reads what {@link #writeTo} wrote into {@code dir}. */
    public static ServingArtifact readFrom(Path dir, BehaviorWeights weights) {
        try {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            if (Integer.parseInt(p.getProperty("format", "0")) != FORMAT) {
                throw new IllegalStateException("serving artifact format " + p.getProperty("format") + " in " + dir + " is not " + FORMAT);
            }
            List<ItemId> ids = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(CATALOGUE), StandardCharsets.UTF_8)) {
                ids.add(new ItemId(line));
            }
            Catalogue catalogue = Catalogue.of(List.of()).extendedBy(ids);
            if (catalogue.size() != Integer.parseInt(p.getProperty("catalogueSize"))) {
                throw new IllegalStateException("catalogue.txt in " + dir + " does not match serving.properties");
            }
            Map<Optional<ForgettingCurve>, OnlinePopularity> popularity = new LinkedHashMap<>();
            int states = Integer.parseInt(p.getProperty("popularityStates"));
            for (int k = 0; k < states; k++) {
                Optional<ForgettingCurve> curve = decode(p.getProperty("popularity." + k));
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("popularity-" + k + ".bin"))))) {
                    popularity.put(curve, OnlinePopularity.read(curve, in));
                }
            }
            Optional<ProfileRecommender.Settings> settings = Optional.empty();
            Optional<CompactNeighbours> neighbours = Optional.empty();
            if (p.getProperty("profile.profileCurve") != null) {
                settings = Optional.of(new ProfileRecommender.Settings(decode(p.getProperty("profile.profileCurve")).orElseThrow(),
                        decode(p.getProperty("profile.popularityCurve")).orElseThrow(), weights,
                        Integer.parseInt(p.getProperty("profile.window")), Integer.parseInt(p.getProperty("profile.profileItems")),
                        Double.parseDouble(p.getProperty("profile.cooccurrenceWeight")), Double.parseDouble(p.getProperty("profile.categoryWeight")),
                        Double.parseDouble(p.getProperty("profile.popularityWeight")),
                        // Artifacts written before these settings existed ranked with what they default to.
                        ProfileRecommender.Direction.valueOf(p.getProperty("profile.direction", ProfileRecommender.Direction.SYMMETRIC.name())),
                        Boolean.parseBoolean(p.getProperty("profile.distanceWeighted", "false")),
                        Double.parseDouble(p.getProperty("profile.lastItemWeight", "0"))));
                try (InputStream raw = Files.newInputStream(dir.resolve(NEIGHBOURS));
                     DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
                    neighbours = Optional.of(CompactNeighbours.read(in));
                }
            }
            Optional<Content> content = Optional.empty();
            if (p.getProperty("content.weight") != null) {
                ContentIndex index;
                ContentNeighbours rows;
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CONTENT_INDEX))))) {
                    index = ContentIndex.read(in);
                }
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CONTENT_NEIGHBOURS))))) {
                    rows = ContentNeighbours.read(in);
                }
                if (index.items() != catalogue.size() || rows.items() != catalogue.size()) {
                    throw new IllegalStateException("the content part in " + dir + " does not match the catalogue of " + catalogue.size());
                }
                content = Optional.of(new Content(index, rows, Double.parseDouble(p.getProperty("content.weight")),
                        Double.parseDouble(p.getProperty("content.newItemWeight")),
                        // Artifacts written before items had creation times: the window only matters for items that have one.
                        Double.parseDouble(p.getProperty("content.newItemDays", Double.toString(ContentAffinity.DEFAULT_NEW_ITEM_DAYS)))));
            }
            SortedSet<Long> unseen = new TreeSet<>();
            for (String seq : p.getProperty("unseen", "").split(",")) {
                if (!seq.isBlank()) {
                    unseen.add(Long.parseLong(seq.trim()));
                }
            }
            return new ServingArtifact(catalogue, Long.parseLong(p.getProperty("watermark")), decode(p.getProperty("fallbackCurve")),
                    popularity, settings, neighbours, content, unseen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the serving artifact in " + dir, e);
        }
    }

    /** A curve as text: {@code none}, {@code exponential:H}, {@code power-law:D:E}, {@code two-phase:F:S:W} (seconds). */
    static String encode(Optional<ForgettingCurve> curve) {
        if (curve.isEmpty()) {
            return "none";
        }
        ForgettingCurve c = curve.get();
        if (c instanceof ExponentialCurve e) {
            return "exponential:" + e.halfLifeSeconds();
        }
        if (c instanceof PowerLawCurve pl) {
            return "power-law:" + pl.decay() + ":" + pl.epsilonSeconds();
        }
        TwoPhaseCurve t = (TwoPhaseCurve) c;
        return "two-phase:" + t.fastHalfLifeSeconds() + ":" + t.slowHalfLifeSeconds() + ":" + t.fastWeight();
    }

    /** The inverse of {@link #encode}. */
    static Optional<ForgettingCurve> decode(String text) {
        String[] f = Objects.requireNonNull(text, "text").split(":");
        return switch (f[0]) {
            case "none" -> Optional.empty();
            case "exponential" -> Optional.of(new ExponentialCurve(Double.parseDouble(f[1])));
            case "power-law" -> Optional.of(new PowerLawCurve(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            case "two-phase" -> Optional.of(new TwoPhaseCurve(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            default -> throw new IllegalArgumentException("not a curve: " + text);
        };
    }

    /** Heap bytes the loaded state holds, roughly. */
    public long heapBytes() {
        long bytes = catalogue.size() * 160L;
        for (OnlinePopularity state : popularity.values()) {
            bytes += state.heapBytes();
        }
        return bytes + neighbours.map(CompactNeighbours::heapBytes).orElse(0L)
                + content.map(c -> c.index().heapBytes() + c.neighbours().heapBytes()).orElse(0L);
    }
}
