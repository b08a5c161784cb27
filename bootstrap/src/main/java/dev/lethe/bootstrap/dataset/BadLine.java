package dev.lethe.bootstrap.dataset;

import java.nio.file.Path;
import java.util.Objects;

/** One line of a dataset file that could not be read: where it is, the field at fault and why. */
public record BadLine(Path file, int line, String field, String reason) {
    public BadLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, got: " + line);
        }
    }

    /** {@code <file> line <n>, field <field>: <reason>}, the form every reader and the import print. */
    public String message() {
        return file + " line " + line + ", field " + field + ": " + reason;
    }
}
