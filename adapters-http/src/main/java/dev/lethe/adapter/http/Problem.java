package dev.lethe.adapter.http;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the API refuses, carried to the one failure handler and answered as
 * {@code application/problem+json} (RFC 9457) with a stable {@code code} and the offending {@code field}.
 */
final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Optional<String> field;

    Problem(int status, String code, Optional<String> field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
    }

    static Problem badRequest(String field, String code, String detail) {
        return new Problem(400, code, Optional.of(field), detail);
    }

    static Problem notFound(String field, String detail) {
        return new Problem(404, "not_found", Optional.ofNullable(field), detail);
    }

    static Problem unauthorized(String code, String detail) {
        return new Problem(401, code, Optional.of("Authorization"), detail);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Optional<String> field() {
        return field;
    }
}
