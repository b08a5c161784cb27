package dev.lethe.adapter.http;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.TenantId;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Path and query parameters, parsed into domain values or refused with a 400 naming the parameter. */
final class Params {
    private Params() {}

    static UserId userId(String raw) {
        return JsonFields.convert("userId", "invalid_id", raw, UserId::new);
    }

    static ItemId itemId(String raw) {
        return JsonFields.convert("itemId", "invalid_id", raw, ItemId::new);
    }

    static TenantId tenantId(String raw) {
        return JsonFields.convert("tenantId", "invalid_id", raw, TenantId::new);
    }

    static String keyId(String raw) {
        return JsonFields.convert("keyId", "invalid_id", raw, ApiKey::requireId);
    }

    /** The single value of a query parameter; repeating it is refused. */
    static Optional<String> single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.size() > 1) {
            throw Problem.badRequest(name, "repeated_parameter", name + " must be given at most once");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        Optional<String> raw = single(ctx, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get().trim());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name, "invalid_type", name + " must be an integer");
        }
        if (value < min || value > max) {
            throw Problem.badRequest(name, "out_of_range", name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A decimal query parameter in [min, max]; NaN, infinities and hex or suffixed forms are refused. */
    static double decimal(RoutingContext ctx, String name, double fallback, double min, double max) {
        Optional<String> raw = single(ctx, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String text = raw.get().trim();
        if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw Problem.badRequest(name, "invalid_type", name + " must be a number");
        }
        double value = Double.parseDouble(text);
        if (!(value >= min && value <= max)) {
            throw Problem.badRequest(name, "out_of_range", name + " must be between " + min + " and " + max + ", got " + text);
        }
        return value;
    }

    /** An ISO-8601 instant query parameter ({@code 2026-11-27T10:00:00Z}), within the store's range. */
    static Optional<Instant> instant(RoutingContext ctx, String name) {
        Optional<String> raw = single(ctx, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Instant value;
        try {
            value = Instant.parse(raw.get().trim());
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(name, "invalid_type", name + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
        if (value.isBefore(BehaviorRepository.BEGINNING)) {
            throw Problem.badRequest(name, "out_of_range", name + " must not be before " + BehaviorRepository.BEGINNING + ", got " + value);
        }
        return Optional.of(value);
    }

    static boolean bool(RoutingContext ctx, String name) {
        Optional<String> raw = single(ctx, name);
        if (raw.isEmpty() || raw.get().equals("false")) {
            return false;
        }
        if (raw.get().equals("true") || raw.get().isEmpty()) {
            return true;
        }
        throw Problem.badRequest(name, "invalid_type", name + " must be true or false");
    }

    static int pathInteger(String raw, String name) {
        try {
            int value = Integer.parseInt(raw);
            if (value < 1) {
                throw Problem.badRequest(name, "out_of_range", name + " must be at least 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name, "invalid_type", name + " must be a positive integer");
        }
    }
}
