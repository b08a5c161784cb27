package dev.lethe.adapter.http;

import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import java.util.LinkedHashMap;
import java.util.Map;

/** A forgetting curve on the wire: family, parameters, half-life in seconds and days, and where it comes from. */
record CurveResponse(String family, Map<String, Double> parameters, double halfLifeSeconds, double halfLifeDays, String scope) {

    static CurveResponse of(ForgettingCurve curve, String scope) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        if (curve instanceof ExponentialCurve e) {
            parameters.put("halfLifeSeconds", e.halfLifeSeconds());
        } else if (curve instanceof PowerLawCurve p) {
            parameters.put("decay", p.decay());
            parameters.put("epsilonSeconds", p.epsilonSeconds());
        } else if (curve instanceof TwoPhaseCurve t) {
            parameters.put("fastHalfLifeSeconds", t.fastHalfLifeSeconds());
            parameters.put("slowHalfLifeSeconds", t.slowHalfLifeSeconds());
            parameters.put("fastWeight", t.fastWeight());
        }
        double halfLife = curve.halfLifeSeconds();
        return new CurveResponse(curve.family(), parameters, halfLife, halfLife / 86_400d, scope);
    }
}
