package dev.lethe.domain.model;

import java.util.Map;

/** A recommender whose parameters were learned or chosen during training, so reports can show them. */
public interface FittedParameters {

    /** Parameter name to value, e.g. {@code halfLifeDays -> 23.0}; stable names, no units in values. */
    Map<String, Double> fittedParameters();
}
