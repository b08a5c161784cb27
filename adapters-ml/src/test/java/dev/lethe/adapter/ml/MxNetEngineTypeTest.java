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

    @Test
    void sharesTheCoresAmongThePredictors() {
        assertThat(MxNetEngineType.threadsPerPredictor(2, 2)).isEqualTo(1);
        assertThat(MxNetEngineType.threadsPerPredictor(16, 4)).isEqualTo(4);
        assertThat(MxNetEngineType.threadsPerPredictor(16, 16)).isEqualTo(1);
        assertThat(MxNetEngineType.threadsPerPredictor(2, 8)).as("never zero").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> MxNetEngineType.threadsPerPredictor(0, 1));
    }

    @Test
    void setsTheCallingThreadsOpenMpThreadsThroughTheLoadedMxNet() {
        ai.djl.engine.Engine.getEngine("MXNet");

        // Fails (an exception) when libmxnet's MXSetNumOMPThreads cannot be reached or reports an error.
        MxNetEngineType.setCallingThreadOmpThreads(1);
    }

    @Test
    void leavesOpenMpAloneWhenTheOperatorSetIt() {
        // The test JVM runs with OMP_NUM_THREADS=2 (adapters-ml/pom.xml): the pool must not override it.
        try (ai.djl.Model model = ai.djl.Model.newInstance("omp", "MXNet")) {
            assertThat(PredictorPool.naiveEngineOmpThreads(model, 2)).isZero();
        }
    }
}
