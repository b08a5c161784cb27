package dev.lethe.application.port.in;

/** Erases a user's events and derived data of one tenant. Blocks on the store; idempotent. */
public interface EraseUserUseCase {

    /** How many behaviours were deleted (0 for an unknown user). */
    int erase(EraseUserCommand command);
}
