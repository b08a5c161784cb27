package dev.lethe.domain.behavior;

import dev.lethe.domain.Ids;

/** The client's id of one behaviour; the key of idempotent ingestion. */
public record EventId(String value) implements Comparable<EventId> {
    public EventId {
        Ids.require("eventId", value);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
