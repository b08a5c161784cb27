package dev.lethe.adapter.http;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A file-backed "lstm" family for tests: plain popularity, saved as a marker file, loaded back from memory. */
final class FakeModelEngine implements ModelEnginePort {
    private final Map<Path, Recommender> saved = new ConcurrentHashMap<>();

    @Override
    public Set<String> families() {
        return Set.of("lstm");
    }

    @Override
    public String engine() {
        return "fake";
    }

    @Override
    public Recommender train(String family, TrainingData data, TrainingListener listener) {
        for (int epoch = 1; epoch <= 3; epoch++) {
            listener.progress("epoch", epoch, 3, "loss " + (4.0 / epoch));
        }
        return DecayedPopularity.fit(family, data.catalogue(), Optional.empty(), data.events());
    }

    @Override
    public void save(Recommender model, Path directory) {
        try {
            Files.writeString(directory.resolve("model.txt"), model.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        saved.put(directory.toAbsolutePath(), model);
    }

    @Override
    public Recommender load(String family, Path directory) {
        Recommender model = saved.get(directory.toAbsolutePath());
        if (model == null || !Files.exists(directory.resolve("model.txt"))) {
            throw new ModelEngineException("no model saved in " + directory, null);
        }
        return model;
    }
}
