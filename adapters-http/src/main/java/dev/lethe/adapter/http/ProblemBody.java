package dev.lethe.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 9457 problem document, with Lethe's {@code code} and {@code field} extensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemBody(String type, String title, int status, String detail, String code, String field, String instance) {
    static final String TYPE_BASE = "https://lethe.dev/problems/";
}
