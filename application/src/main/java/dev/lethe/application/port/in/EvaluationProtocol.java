package dev.lethe.application.port.in;

import java.util.Locale;

/** How a dataset is split into what models learn from and what they are judged on. */
public enum EvaluationProtocol {
    /** Per user: the last event is the test, the one before it validation, the rest training. */
    LEAVE_LAST_OUT,
    /** One global cut at the last 10% of events; each user's first event after it is the test. */
    TEMPORAL,
    /**
     * New items: the temporal cut, and every user's first event on an item first seen at or after it
     * (with the user's earlier events as history) is a test: how well models reach items they were
     * never trained on.
     */
    COLD_ITEMS;

    /** Parses the wire name ({@code leave-last-out}, {@code temporal}, {@code cold-items}). */
    public static EvaluationProtocol parse(String text) {
        if (text != null) {
            for (EvaluationProtocol p : values()) {
                if (p.wireName().equals(text.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("protocol must be leave-last-out, temporal or cold-items, got: " + text);
    }

    /** The lower-case, hyphenated name used on the command line and in reports. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
