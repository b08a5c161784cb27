package dev.lethe.adapter.ml.knn;

import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.model.Catalogue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The on-disk form of a {@link SequenceKnn}: {@value #METADATA} (format, engine, family, settings,
 * sizes), {@value #CATALOGUE} (item ids in index order) and {@value #NEIGHBOURS} (frequencies, then per
 * item its neighbours and weights, big-endian). Loading checks each file against the metadata and
 * refuses, naming the directory, what another engine wrote.
 */
final class KnnArtifacts {
    static final String METADATA = "knn.properties";
    static final String CATALOGUE = "catalogue.txt";
    static final String NEIGHBOURS = "neighbours.bin";
    static final String FORMAT = "lethe-seq-knn/1";

    private KnnArtifacts() {}

    static void save(SequenceKnn model, Path directory) {
        try {
            Properties p = new Properties();
            p.setProperty("format", FORMAT);
            p.setProperty("engine", KnnModelEngine.ENGINE);
            p.setProperty("family", model.name());
            p.setProperty("catalogueSize", Integer.toString(model.catalogue().size()));
            p.setProperty("neighbourCount", Integer.toString(model.neighbour().length));
            model.settings().writeTo(p);
            try (Writer w = Files.newBufferedWriter(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
                p.store(w, "Lethe sequence kNN model");
            }
            List<String> ids = new ArrayList<>(model.catalogue().size());
            model.catalogue().items().forEach(id -> ids.add(id.value()));
            Files.write(directory.resolve(CATALOGUE), ids, StandardCharsets.UTF_8);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(directory.resolve(NEIGHBOURS))))) {
                for (double f : model.frequency()) {
                    out.writeDouble(f);
                }
                int[] start = model.start();
                for (int i = 0; i + 1 < start.length; i++) {
                    out.writeInt(start[i + 1] - start[i]);
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        out.writeInt(model.neighbour()[k]);
                        out.writeDouble(model.weight()[k]);
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelEngineException("could not save the " + KnnModelEngine.SEQ_KNN + " model to " + directory, e);
        }
    }

    static SequenceKnn load(Path directory) {
        Properties p = metadata(directory);
        try {
            KnnSettings settings = KnnSettings.readFrom(p);
            Catalogue catalogue = catalogue(directory, Integer.parseInt(p.getProperty("catalogueSize", "-1")));
            int n = catalogue.size();
            int count = Integer.parseInt(p.getProperty("neighbourCount", "-1"));
            double[] frequency = new double[n];
            int[] start = new int[n + 1];
            int[] neighbour = new int[Math.max(0, count)];
            double[] weight = new double[neighbour.length];
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(directory.resolve(NEIGHBOURS))))) {
                for (int i = 0; i < n; i++) {
                    frequency[i] = in.readDouble();
                }
                for (int i = 0; i < n; i++) {
                    int size = in.readInt();
                    if (size < 0 || start[i] + size > neighbour.length) {
                        throw corrupt(directory, "item " + i + " claims " + size + " neighbours beyond the " + count + " in " + METADATA);
                    }
                    start[i + 1] = start[i] + size;
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        neighbour[k] = in.readInt();
                        weight[k] = in.readDouble();
                        if (neighbour[k] < 0 || neighbour[k] >= n) {
                            throw corrupt(directory, "a neighbour index " + neighbour[k] + " outside the catalogue of " + n);
                        }
                    }
                }
                if (start[n] != neighbour.length || in.read() != -1) {
                    throw corrupt(directory, "the neighbour count does not match " + METADATA);
                }
            } catch (EOFException e) {
                throw new ModelEngineException("the artifact in " + directory + " is cut short: " + NEIGHBOURS + " ends early", e);
            }
            return new SequenceKnn(catalogue, settings, start, neighbour, weight, frequency);
        } catch (IOException e) {
            throw new ModelEngineException("could not read the " + KnnModelEngine.SEQ_KNN + " model in " + directory, e);
        } catch (IllegalArgumentException e) {
            throw new ModelEngineException("the artifact in " + directory + " is not a valid " + KnnModelEngine.SEQ_KNN + " model: " + e.getMessage(), e);
        }
    }

    /** The metadata, once it is sure this engine wrote the directory: else the refusal says what is there instead. */
    private static Properties metadata(Path directory) {
        Path file = directory.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new ModelEngineException("the artifact in " + directory + " was not written by the " + KnnModelEngine.ENGINE
                    + " engine: it has no " + METADATA + " (it holds: " + listing(directory) + "); a version trained by another engine"
                    + " loads only with that engine (lethe.ml.engine)", null);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ModelEngineException("no readable " + METADATA + " in " + directory, e);
        }
        if (!KnnModelEngine.ENGINE.equals(p.getProperty("engine")) || !FORMAT.equals(p.getProperty("format"))) {
            throw new ModelEngineException("the artifact in " + directory + " was written by engine " + p.getProperty("engine")
                    + " in format " + p.getProperty("format") + "; the " + KnnModelEngine.ENGINE + " engine reads only " + FORMAT, null);
        }
        if (!KnnModelEngine.SEQ_KNN.equals(p.getProperty("family"))) {
            throw new ModelEngineException("the artifact in " + directory + " holds family " + p.getProperty("family") + ", not "
                    + KnnModelEngine.SEQ_KNN, null);
        }
        return p;
    }

    private static Catalogue catalogue(Path directory, int expected) throws IOException {
        List<ItemId> ids = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve(CATALOGUE), StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                ids.add(new ItemId(line));
            }
        }
        Catalogue catalogue = Catalogue.of(ids);
        if (catalogue.size() != expected || !catalogue.items().equals(ids)) {
            throw corrupt(directory, CATALOGUE + " does not match " + METADATA);
        }
        return catalogue;
    }

    private static String listing(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "nothing: no such directory";
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static ModelEngineException corrupt(Path directory, String what) {
        return new ModelEngineException("the artifact in " + directory + " is corrupt: " + what, null);
    }
}
