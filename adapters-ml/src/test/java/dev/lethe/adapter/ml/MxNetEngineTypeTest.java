package dev.lethe.adapter.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MxNetEngineTypeTest {
    // A fresh variable per run: the C environment of the test JVM is shared by every test in it.
    private final String variable = "LETHE_TEST_" + UUID.randomUUID().toString().replace('-', '_');

    @Test
    void setsAnUnsetVariableInTheEnvironmentNativeCodeReads() {
        assertThat(MxNetEngineType.get(variable)).isEmpty();

        assertThat(MxNetEngineType.setUnlessSet(variable, MxNetEngineType.NAIVE)).contains(MxNetEngineType.NAIVE);

        assertThat(MxNetEngineType.get(variable)).contains(MxNetEngineType.NAIVE);
        assertThat(System.getenv(variable)).as("the JVM's copy, taken at start-up, does not see it").isNull();
    }

    @Test
    void keepsAValueTheOperatorSet() {
        MxNetEngineType.setUnlessSet(variable, "ThreadedEnginePerDevice");

        assertThat(MxNetEngineType.setUnlessSet(variable, MxNetEngineType.NAIVE)).contains("ThreadedEnginePerDevice");
    }

    @Test
    void readsTheEngineTypeTheBuildSets() {
        // adapters-ml/pom.xml starts the test JVM with MXNET_ENGINE_TYPE=NaiveEngine.
        assertThat(MxNetEngineType.current()).contains(MxNetEngineType.NAIVE);
    }
}
