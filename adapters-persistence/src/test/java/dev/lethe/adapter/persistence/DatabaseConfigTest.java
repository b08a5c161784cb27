package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
    @Test
    void mysqlUrlIsAccepted() {
        assertThat(new DatabaseConfig("jdbc:mysql://db:3306/lethe", "lethe", "secret", 10).isMySql()).isTrue();
    }

    @Test
    void embeddedDatabaseIsAnH2FileInMySqlModeUnderTheDataDirectory() {
        DatabaseConfig config = DatabaseConfig.embedded(Path.of("/var/lib/lethe"));

        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:/var/lib/lethe/lethe;MODE=MySQL;");
        assertThat(config.isMySql()).isFalse();
    }

    @Test
    void otherDatabasesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:postgresql://db/lethe", "u", "p", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbcUrl");
    }

    @Test
    void h2WithoutMySqlModeIsRejected() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", "sa", "", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MODE=MySQL");
    }

    @Test
    void poolSizeOutOfRangeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:mysql://db/lethe", "u", "p", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    }

    @Test
    void textFormNeverShowsAPassword() {
        String text = new DatabaseConfig("jdbc:mysql://db/lethe?user=lethe&password=hunter2", "lethe", "swordfish", 4).toString();

        assertThat(text).doesNotContain("hunter2").doesNotContain("swordfish").contains("password=***");
    }
}
