package dev.lethe.domain;

/**
 * Shared validation of free texts clients send (names, category and attribute names, attribute values).
 * Lengths count Unicode code points, as the database columns and the API's {@code maxLength} do, so an
 * emoji is one character, not two UTF-16 units.
 */
public final class Texts {
    private Texts() {}

    /** Returns {@code value} when it is well-formed Unicode of at most {@code maxLength} code points, else throws naming {@code what}. */
    public static String require(String what, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must be a string, got: null");
        }
        requireWellFormed(what, value);
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters, got " + length);
        }
        return value;
    }

    /** Like {@link #require} but also not blank: 1 to {@code maxLength} code points. */
    public static String requireNonBlank(String what, String value, int maxLength) {
        require(what, value, maxLength);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must be 1-" + maxLength + " characters, got a blank string");
        }
        return value;
    }

    /**
     * A name that is a key in the store: non-blank and without leading or trailing white space. Refused
     * rather than trimmed, because the store's PAD SPACE collation holds {@code "a"} and {@code "a "} for
     * one key and a silent trim would merge what the client sent as two.
     */
    public static String requireName(String what, String value, int maxLength) {
        requireNonBlank(what, value, maxLength);
        if (Character.isWhitespace(value.codePointAt(0)) || Character.isWhitespace(value.codePointBefore(value.length()))) {
            throw new IllegalArgumentException(what + " must not begin or end with white space, got: \"" + abbreviate(value) + '"');
        }
        return value;
    }

    /** Throws naming {@code what} when {@code value} holds a lone UTF-16 surrogate (not a Unicode character: it cannot be stored). */
    public static void requireWellFormed(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " must be well-formed Unicode, got a lone surrogate \\u"
                        + Integer.toHexString(c) + " at index " + i);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
