package dev.lethe.application.port.in;

import java.util.List;

/** Tells whether every tenant's active model can be loaded, for readiness probes. Blocks (may load models). */
public interface CheckServingUseCase {

    /** The tenants whose active model version cannot be loaded, with the reason; empty when all are servable. */
    List<String> unservable();
}
