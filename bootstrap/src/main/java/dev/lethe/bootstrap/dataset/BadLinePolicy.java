package dev.lethe.bootstrap.dataset;

/**
 * What a dataset reader does with a line it cannot read: the evaluator stops at the first one
 * ({@link #FAIL_FAST}), the import reports it, counts it and reads on. Errors of the file as a whole
 * (missing file, a header without a required column) always stop the reader.
 */
@FunctionalInterface
public interface BadLinePolicy {
    /** Throws an {@link IllegalArgumentException} with {@link BadLine#message()}. */
    BadLinePolicy FAIL_FAST = bad -> {
        throw new IllegalArgumentException(bad.message());
    };

    /** Called once per bad line, in file order; throwing stops the reader. */
    void badLine(BadLine bad);
}
