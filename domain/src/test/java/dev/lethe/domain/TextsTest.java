package dev.lethe.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {
    private static final String ROCKET = "\uD83D\uDE80";

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        assertThat(Texts.require("title", ROCKET.repeat(10), 10)).isEqualTo(ROCKET.repeat(10));
        assertThatThrownBy(() -> Texts.require("title", ROCKET.repeat(11), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("title must be at most 10 characters, got 11");
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Texts.require("title", "a\uD800b", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("title must be well-formed Unicode");
        assertThatThrownBy(() -> Texts.require("title", "\uDC00", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Texts.require("title", "a\uD83D", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameWithTrailingSpaceIsRefusedNotTrimmed() {
        assertThatThrownBy(() -> Texts.requireName("categories entries", "pad ", 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not begin or end with white space");
        assertThatThrownBy(() -> Texts.requireName("categories entries", " pad", 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Texts.requireName("categories entries", "p a d", 100)).isEqualTo("p a d");
    }
}
