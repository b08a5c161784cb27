package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.EventId;

/** What happened to one submitted behaviour. */
public sealed interface IngestionOutcome {

    /** The event id the outcome is about. */
    EventId eventId();

    /** Stored now. */
    record Accepted(EventId eventId) implements IngestionOutcome {}

    /** Stored earlier (or earlier in the same batch): nothing changed. */
    record Duplicate(EventId eventId) implements IngestionOutcome {}

    /** Refused: {@code field} is at fault, {@code code} is stable, {@code detail} is for people. */
    record Rejected(EventId eventId, String field, String code, String detail) implements IngestionOutcome {}
}
