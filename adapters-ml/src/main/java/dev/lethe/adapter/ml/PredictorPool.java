package dev.lethe.adapter.ml;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded pool of DJL predictors (a predictor is not thread-safe): a request borrows one, or
 * waits for one when {@code size} are busy. Predictors are created lazily.
 */
final class PredictorPool implements AutoCloseable {
    private final Model model;
    private final SequenceTranslator translator;
    private final int size;
    private final BlockingQueue<Predictor<EncodedSequence, float[]>> idle;
    private final List<Predictor<EncodedSequence, float[]>> all = new ArrayList<>();

    PredictorPool(Model model, SequenceTranslator translator, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got: " + size);
        }
        this.model = model;
        this.translator = translator;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** The logits of every catalogue item after the last step of {@code input}; blocks while all predictors are busy. */
    float[] predict(EncodedSequence input) {
        Predictor<EncodedSequence, float[]> predictor = borrow();
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new ModelEngineException("inference failed: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    private Predictor<EncodedSequence, float[]> borrow() {
        Predictor<EncodedSequence, float[]> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        synchronized (all) {
            if (all.size() < size) {
                Predictor<EncodedSequence, float[]> created = model.newPredictor(translator);
                all.add(created);
                return created;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelEngineException("interrupted while waiting for a predictor", e);
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
            idle.clear();
        }
    }
}
