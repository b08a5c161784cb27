package dev.lethe.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void theCharacterLoopAcceptsExactlyWhatThePatternAccepts() {
        String alphabet = "aZ09._:@-/ é#\t";
        SplittableRandom random = new SplittableRandom(11);
        int accepted = 0;
        for (int t = 0; t < 20_000; t++) {
            int length = random.nextInt(t % 100 == 0 ? 140 : 6);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = s.toString();
            boolean expected = Ids.PATTERN.matcher(value).matches();
            assertThat(Ids.valid(value)).as("\"%s\"", value).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample holds valid ids too").isGreaterThan(1_000);
    }

    @Test
    void lengthIsOneTo128() {
        assertThat(Ids.valid("a".repeat(128))).isTrue();
        assertThat(Ids.valid("a".repeat(129))).isFalse();
        assertThat(Ids.valid("")).isFalse();
        assertThatThrownBy(() -> Ids.require("itemId", "-x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemId");
    }
}
