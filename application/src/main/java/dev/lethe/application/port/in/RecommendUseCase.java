package dev.lethe.application.port.in;

/** Ranks items for a user as of now. Blocks on the store and the model; never returns consumed items. */
public interface RecommendUseCase {

    /** The user's top-k, best first; may hold fewer than k items when the catalogue is small. */
    Recommendations recommend(RecommendQuery query);
}
