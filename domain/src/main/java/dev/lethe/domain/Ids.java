package dev.lethe.domain;

import java.util.regex.Pattern;

/** Shared validation of the opaque identifiers clients send (users, items, events, tenants). */
public final class Ids {
    /** Letters, digits and a few separators; at most 128 characters. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]{0,127}");

    private Ids() {}

    /** Returns {@code value} when it is a valid identifier, else throws naming {@code what}. */
    public static String require(String what, String value) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._:@-] starting with a letter or digit, got: "
                    + (value == null ? "null" : '"' + abbreviate(value) + '"'));
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
