package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.lethe.application.port.out.ModelEnginePort;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MlModuleTest {
    @Test
    void bindsTheNamedEngineAlsoAsAnOptionalEngine() {
        Injector injector = Guice.createInjector(new MlModule("pytorch"));
        Optional<ModelEnginePort> engine = injector.getInstance(Key.get(new TypeLiteral<Optional<ModelEnginePort>>() {}));
        assertThat(engine).containsSame(injector.getInstance(ModelEnginePort.class));
        assertThat(engine.get().engine()).isEqualTo("pytorch");
        assertThat(engine.get().families()).containsExactlyInAnyOrder("lstm", "lstm-notime", "lethe");
    }
}
