package dev.lethe.domain.content;

import dev.lethe.domain.item.Item;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of an item that the content model compares: every category as one token
 * ({@code category:<name>}, so a category and a title word never collide), and the words of every
 * attribute value (title, tags, description, ...): lower-cased, accents stripped, split on anything
 * that is not a letter or a digit, words of one character dropped.
 */
public final class ItemText {
    /** Prefix of the token that stands for a whole category. */
    public static final String CATEGORY_PREFIX = "category:";
    /** Words kept per attribute value at most, so one long description cannot swamp the vector. */
    public static final int MAX_WORDS_PER_VALUE = 200;

    private ItemText() {}

    /** The tokens of {@code item}, with repeats (term frequency counts them). */
    public static List<String> tokens(Item item) {
        List<String> tokens = new ArrayList<>();
        for (String category : item.categories()) {
            tokens.add(CATEGORY_PREFIX + category.toLowerCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> attribute : item.attributes().entrySet()) {
            words(attribute.getValue(), tokens);
        }
        return tokens;
    }

    /** Appends the words of {@code text} to {@code into}. */
    static void words(String text, List<String> into) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        int kept = 0;
        int start = -1;
        for (int i = 0; i <= plain.length() && kept < MAX_WORDS_PER_VALUE; ) {
            int cp = i < plain.length() ? plain.codePointAt(i) : ' ';
            boolean wordChar = Character.isLetterOrDigit(cp);
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                if (plain.codePointCount(start, i) > 1) {
                    into.add(plain.substring(start, i));
                    kept++;
                }
                start = -1;
            }
            i += i < plain.length() ? Character.charCount(cp) : 1;
        }
    }
}
