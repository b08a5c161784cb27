package dev.lethe.application.port.in;

import java.util.List;

/**
 * Appends behaviours to a tenant's event log idempotently by event id. Blocks on the store; throws
 * {@code PersistenceException} when it fails, in which case nothing of the batch was stored and a
 * retry is safe.
 */
public interface IngestBehaviorsUseCase {

    /** One outcome per submitted behaviour, in order. */
    List<IngestionOutcome> ingest(IngestBehaviorsCommand command);
}
