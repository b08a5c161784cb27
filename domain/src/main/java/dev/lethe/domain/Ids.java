package dev.lethe.domain;

import java.util.regex.Pattern;

/** Shared validation of the opaque identifiers clients send (users, items, events, tenants). */
public final class Ids {
    /** Letters, digits and a few separators; at most 128 characters. What {@link #valid} checks, as a pattern (for documentation and schemas). */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]{0,127}");

    private Ids() {}

    /** Returns {@code value} when it is a valid identifier, else throws naming {@code what}. */
    public static String require(String what, String value) {
        if (value == null || !valid(value)) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._:@-] starting with a letter or digit, got: "
                    + (value == null ? "null" : '"' + abbreviate(value) + '"'));
        }
        return value;
    }

    /**
     * Whether {@code value} matches {@link #PATTERN}, by a loop over its characters: every behaviour read
     * back from the store builds three ids, so this runs thousands of times per served request, where a
     * regular expression costs an order of magnitude more.
     */
    public static boolean valid(String value) {
        int n = value.length();
        if (n == 0 || n > 128 || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '@' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
