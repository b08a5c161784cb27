package dev.lethe.adapter.ml;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.model.Catalogue;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The on-disk form of an LSTM: {@code lstm-0000.params} (DJL parameters), {@code lstm.properties}
 * (family, engine, hyper-parameters, training summary) and {@code catalogue.txt} (item ids in index
 * order). Parameters load only into the engine that wrote them.
 */
final class LstmArtifacts {
    static final String PARAMS_NAME = "lstm";
    static final String METADATA = "lstm.properties";
    static final String CATALOGUE = "catalogue.txt";

    private LstmArtifacts() {}

    static void save(LstmRecommender model, Path directory) {
        try {
            model.model().save(directory, PARAMS_NAME);
            Properties p = model.hyperParameters().toProperties();
            p.setProperty("family", model.name());
            p.setProperty("engine", model.engineName());
            p.setProperty("catalogueSize", Integer.toString(model.catalogue().size()));
            p.setProperty("categoryCount", Integer.toString(((SequenceBlock) model.model().getBlock()).categoryCount()));
            LstmRecommender.TrainingSummary s = model.summary();
            p.setProperty("bestEpoch", Integer.toString(s.bestEpoch()));
            p.setProperty("validationNdcg", Double.toString(s.validationNdcg()));
            p.setProperty("epochs", Integer.toString(s.epochs()));
            p.setProperty("trainingSeconds", Double.toString(s.seconds()));
            p.setProperty("sequencesPerSecond", Double.toString(s.sequencesPerSecond()));
            try (Writer w = Files.newBufferedWriter(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
                p.store(w, "Lethe LSTM model");
            }
            writeCatalogue(model.catalogue(), directory.resolve(CATALOGUE));
        } catch (IOException e) {
            throw new ModelEngineException("could not save the model to " + directory, e);
        }
    }

    static LstmRecommender load(Engine engine, String family, Path directory, int poolSize) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(directory.resolve(METADATA), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ModelEngineException("no readable " + METADATA + " in " + directory, e);
        }
        if (!family.equals(p.getProperty("family"))) {
            throw new IllegalArgumentException("family must match the artifact's (" + p.getProperty("family") + "), got: " + family);
        }
        if (!engine.getEngineName().equals(p.getProperty("engine"))) {
            throw new ModelEngineException("the artifact in " + directory + " was trained with " + p.getProperty("engine")
                    + " and cannot be loaded by " + engine.getEngineName() + " (LSTM weights are not portable across engines)", null);
        }
        LstmHyperParameters hp = LstmHyperParameters.fromProperties(p);
        Catalogue catalogue = readCatalogue(directory.resolve(CATALOGUE));
        if (catalogue.size() != Integer.parseInt(p.getProperty("catalogueSize", "-1"))) {
            throw new ModelEngineException("catalogue.txt in " + directory + " does not match the metadata", null);
        }
        Model model = engine.newModel(family, engine.defaultDevice());
        try {
            model.setBlock(new SequenceBlock(hp, catalogue.size(), Integer.parseInt(p.getProperty("categoryCount", "0")), null));
            model.load(directory, PARAMS_NAME);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelEngineException("could not load the parameters in " + directory, e);
        }
        LstmRecommender.TrainingSummary summary = new LstmRecommender.TrainingSummary(
                Integer.parseInt(p.getProperty("bestEpoch", "0")),
                Double.parseDouble(p.getProperty("validationNdcg", "NaN")),
                Integer.parseInt(p.getProperty("epochs", "0")),
                Double.parseDouble(p.getProperty("trainingSeconds", "NaN")),
                Double.parseDouble(p.getProperty("sequencesPerSecond", "NaN")));
        return new LstmRecommender(family, engine.getEngineName(), catalogue, hp, model, poolSize, summary);
    }

    static void writeCatalogue(Catalogue catalogue, Path file) throws IOException {
        List<String> lines = new ArrayList<>(catalogue.size());
        for (ItemId id : catalogue.items()) {
            lines.add(id.value());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static Catalogue readCatalogue(Path file) {
        try {
            List<ItemId> ids = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    ids.add(new ItemId(line));
                }
            }
            return Catalogue.of(ids);
        } catch (IOException e) {
            throw new ModelEngineException("could not read " + file, e);
        }
    }
}
