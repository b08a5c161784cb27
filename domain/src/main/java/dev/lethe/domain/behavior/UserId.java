package dev.lethe.domain.behavior;

import dev.lethe.domain.Ids;

/** A person whose behaviour is recorded, unique within a tenant. */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        Ids.require("userId", value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
