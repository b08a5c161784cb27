package dev.lethe.application.service.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.interest.ProfileRecommender.Direction;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuned profile's settings survive the serving artifact, so serving ranks with what the search chose. */
class TunedServingArtifactTest {
    @TempDir
    Path dir;

    @Test
    void theSequentialSettingsOfATunedProfileAreWrittenAndReadBack() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        List<Behavior> log = new ArrayList<>();
        for (int e = 0; e < 40; e++) {
            log.add(Behavior.of(new EventId("e" + e), new UserId("u" + e % 4), new ItemId("i" + e % 7), BehaviorType.VIEW,
                    now.minusSeconds(3_600L * (40 - e))));
        }
        Map<ItemId, Set<String>> categories = new HashMap<>();
        TenantLog tenantLog = new TenantLog(log, Catalogue.of(log.stream().map(Behavior::itemId).toList()), categories);
        BehaviorWeights weights = BehaviorWeights.defaults(TenantKind.VIDEO);
        JavaFamilies.Inputs inputs = new JavaFamilies.Inputs(new CurveInForce(ExponentialCurve.ofDays(10), ServingModels.TENANT_SCOPE),
                tenantLog::categoriesOf, weights);
        ProfileRecommender.Settings tuned = new ProfileRecommender.Settings(ExponentialCurve.ofDays(3), ExponentialCurve.ofDays(90), weights,
                3, 7, 0.03, 0.1, 0, Direction.FORWARD, true, 0.5);
        ProfileRecommender trained = ProfileRecommender.fit("profile", tenantLog.catalogue(), log, tenantLog::categoriesOf, tuned);

        JavaFamilies.servingArtifact(JavaFamilies.PROFILE, inputs, trained, tenantLog, 40, now).write(dir);

        assertThat(ServingArtifact.read(dir, weights).profileSettings()).contains(tuned);
    }
}
