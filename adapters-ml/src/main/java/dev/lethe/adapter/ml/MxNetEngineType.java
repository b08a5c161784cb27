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
