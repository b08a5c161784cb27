package dev.lethe.application.service.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.domain.model.FittedParameters;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private final TrainingData empty = new TrainingData(dev.lethe.domain.model.Catalogue.of(List.of()), List.of(), List.of());

    @Test
    void decayedPopularityTakesItsHalfLifeFromTheName() {
        Recommender model = ModelCatalog.baselines().trainer("decayed-pop-12h", 10).train(empty, TrainingListener.SILENT);

        assertThat(model.name()).isEqualTo("decayed-pop-12h");
        assertThat(((FittedParameters) model).fittedParameters()).containsEntry("halfLifeDays", 0.5);
    }

    @Test
    void unknownNameIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> ModelCatalog.baselines().trainer("popp", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models").hasMessageContaining("popp").hasMessageContaining("decayed-pop-fit");
    }

    @Test
    void extraTrainersAreLookedUpByNameAndJoinTheDefaultList() {
        ModelTrainer profile = mock(ModelTrainer.class);
        when(profile.name()).thenReturn("profile");

        ModelCatalog catalog = new ModelCatalog(List.of(profile));

        assertThat(catalog.trainer("profile", 10)).isSameAs(profile);
        assertThat(catalog.defaultModels()).endsWith("profile").contains("pop", "pop-all", "sar", "markov");
    }

    @Test
    void anExtraTrainerMayNotShadowABaseline() {
        ModelTrainer fake = mock(ModelTrainer.class);
        when(fake.name()).thenReturn("decayed-pop-3d");

        assertThatThrownBy(() -> new ModelCatalog(List.of(fake)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decayed-pop-3d");
    }

    @Test
    void engineFamiliesBecomeTrainersThatDelegateToTheEngine() {
        ModelEnginePort engine = mock(ModelEnginePort.class);
        Recommender lstm = mock(Recommender.class);
        when(engine.families()).thenReturn(Set.of("lstm"));
        when(engine.train("lstm", empty, TrainingListener.SILENT)).thenReturn(lstm);

        ModelTrainer trainer = ModelCatalog.baselines().withEngine(engine).trainer("lstm", 10);

        assertThat(trainer.train(empty, TrainingListener.SILENT)).isSameAs(lstm);
        verify(engine).train("lstm", empty, TrainingListener.SILENT);
    }

    @Test
    void aBlendProfileReachesTheEnginesFamiliesAndLeavesTheRestAlone() {
        ModelEnginePort engine = mock(ModelEnginePort.class);
        Recommender lethe = mock(Recommender.class);
        ModelTrainer profile = mock(ModelTrainer.class);
        when(profile.name()).thenReturn("profile");
        ModelTrainer other = mock(ModelTrainer.class);
        when(other.name()).thenReturn("other");
        when(engine.families()).thenReturn(Set.of("lethe", "lstm"));
        when(engine.blends()).thenReturn(Set.of("lethe"));
        when(engine.train("lethe", empty, profile, TrainingListener.SILENT)).thenReturn(lethe);
        ModelEnginePort second = mock(ModelEnginePort.class);
        when(second.families()).thenReturn(Set.of("knn"));

        // The engine with the blend is not the last one added (bootstrap adds the DJL engine, then kNN).
        ModelCatalog catalog = new ModelCatalog(List.of(other)).withEngine(engine).withEngine(second).withBlendProfile(profile);

        assertThat(catalog.trainer("lethe", 10).train(empty, TrainingListener.SILENT)).isSameAs(lethe);
        verify(engine).train("lethe", empty, profile, TrainingListener.SILENT);
        assertThat(catalog.trainer("other", 10)).isSameAs(other);
        when(engine.train("lstm", empty, TrainingListener.SILENT)).thenReturn(lethe);
        catalog.trainer("lstm", 10).train(empty, TrainingListener.SILENT);
        verify(engine).train("lstm", empty, TrainingListener.SILENT);
        assertThat(catalog.defaultModels()).endsWith("other").doesNotContain("lethe");
        assertThat(ModelCatalog.baselines().withBlendProfile(profile).knows("lethe")).isFalse();
    }
}
