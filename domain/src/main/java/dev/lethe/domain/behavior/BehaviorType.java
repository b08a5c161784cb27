package dev.lethe.domain.behavior;

import java.util.Locale;

/**
 * What a user did to an item. The base weight orders the strength of the signal
 * (view &lt; click &lt; add-to-cart &lt; purchase); tenants may override weights.
 */
public enum BehaviorType {
    VIEW(1.0),
    CLICK(2.0),
    LIKE(3.0),
    SHARE(3.0),
    WATCH(3.0),
    RATE(3.0),
    ADD_TO_CART(4.0),
    PURCHASE(8.0);

    private final double baseWeight;

    BehaviorType(double baseWeight) {
        this.baseWeight = baseWeight;
    }

    /** The default weight of one behaviour of this type before value or dwell scaling. */
    public double baseWeight() {
        return baseWeight;
    }

    /** Parses the wire name ({@code view}, {@code add-to-cart} or {@code add_to_cart}, …). */
    public static BehaviorType parse(String text) {
        if (text != null) {
            String normalized = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (BehaviorType type : values()) {
                if (type.name().equals(normalized)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("behaviour type must be one of " + wireNames() + ", got: " + text);
    }

    /** The lower-case, hyphenated wire name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (BehaviorType type : values()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(type.wireName());
        }
        return names.toString();
    }
}
