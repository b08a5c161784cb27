package dev.lethe.adapter.ml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;

/**
 * MXNet's execution engine as MXNet itself will read it: the native environment variable
 * {@value #VARIABLE}, looked up with {@code getenv} when libmxnet creates its engine. The JVM's
 * {@link System#getenv} is a copy taken at start-up, so this class reads and writes the C environment.
 */
final class MxNetEngineType {
    static final String VARIABLE = "MXNET_ENGINE_TYPE";
    /** The engine that runs each operator synchronously in the calling thread: safe for concurrent predictors. */
    static final String NAIVE = "NaiveEngine";
    /** OpenMP's thread count; when the operator sets it, MXNet uses it in every thread and Lethe leaves it alone. */
    static final String OMP_THREADS = "OMP_NUM_THREADS";

    /** The two libc calls needed; POSIX only (Linux, macOS). */
    interface CLibrary extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    private MxNetEngineType() {}

    /** The engine type in force for an MXNet not yet loaded, or empty when unset (MXNet then uses its threaded engine). */
    static Optional<String> current() {
        return get(VARIABLE);
    }

    /**
     * Sets {@value #VARIABLE} to {@value #NAIVE} when it is unset, so that an MXNet loaded after this call
     * serves predictors in parallel; a value the operator set is kept. Returns the value now in force.
     * Call it before anything loads MXNet: once libmxnet has created its engine, the variable is not read again.
     */
    static Optional<String> naiveUnlessSet() {
        return setUnlessSet(VARIABLE, NAIVE);
    }

    /**
     * OpenMP threads per predictor under {@value #NAIVE}: the cores shared out among the predictors, at
     * least one. Under NaiveEngine each predictor runs its operators in the request's own thread, and
     * OpenMP gives every such thread a team of one thread per core: two predictors on two cores then ran
     * four busy threads and served 1.4-1.7x fewer recommendations/s than the threaded engine with one
     * predictor (docs/benchmarks.md, "Parallel LSTM serving").
     */
    static int threadsPerPredictor(int cores, int predictors) {
        if (cores <= 0 || predictors <= 0) {
            throw new IllegalArgumentException("cores and predictors must be positive, got: " + cores + ", " + predictors);
        }
        return Math.max(1, cores / predictors);
    }

    /**
     * Sets the OpenMP thread count of the calling thread only ({@code MXSetNumOMPThreads}, OpenMP's
     * per-thread {@code omp_set_num_threads}), so that operators this thread runs under {@value #NAIVE}
     * use {@code threads}; other threads (a training job's) keep theirs. MXNet must already be loaded.
     */
    static void setCallingThreadOmpThreads(int threads) {
        if (MxNetLibraryHolder.LIB.MXSetNumOMPThreads(threads) != 0) {
            throw new IllegalStateException("MXSetNumOMPThreads(" + threads + ") failed");
        }
    }

    /** DJL's binding of the libmxnet it loaded (JNA hands out the same native library again). */
    private static final class MxNetLibraryHolder {
        static final ai.djl.mxnet.jna.MxnetLibrary LIB = ai.djl.mxnet.jna.LibUtils.loadLibrary();
    }

    /** A variable of the C environment; {@link System#getenv} where libc cannot be reached. */
    static Optional<String> get(String variable) {
        try {
            return Optional.ofNullable(libc().getenv(variable));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.ofNullable(System.getenv(variable));
        }
    }

    /** Sets a variable of the C environment unless it has a value; returns the value in force afterwards. */
    static Optional<String> setUnlessSet(String variable, String value) {
        Optional<String> set = get(variable);
        if (set.isPresent()) {
            return set;
        }
        try {
            if (libc().setenv(variable, value, 0) != 0) {
                return Optional.empty();
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
        return get(variable);
    }

    private static CLibrary libc() {
        return Native.load("c", CLibrary.class);
    }
}
