package dev.lethe.application.port.in;

/** Computes a user's decayed interest profile as of now. Blocks on the store. */
public interface GetInterestsUseCase {

    /** The profile; empty lists for a user without history. */
    Interests interests(InterestsQuery query);
}
