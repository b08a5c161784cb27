package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.in.UpsertItemUseCase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HttpModuleTest {

    @Test
    void theModuleProvidesAServerThatDoesNotListenUntilStarted() {
        Injector injector = Guice.createInjector(new HttpModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(HttpServerConfig.class).toInstance(HttpServerConfig.of("127.0.0.1", 0, "admin-key-0123456789-abcdef", Path.of("artifacts")));
                bind(ReadinessCheck.class).toInstance(() -> true);
                bind(CreateTenantUseCase.class).toInstance(mock(CreateTenantUseCase.class));
                bind(AuthenticateTenantUseCase.class).toInstance(mock(AuthenticateTenantUseCase.class));
                bind(IngestBehaviorsUseCase.class).toInstance(mock(IngestBehaviorsUseCase.class));
                bind(UpsertItemUseCase.class).toInstance(mock(UpsertItemUseCase.class));
                bind(RecommendUseCase.class).toInstance(mock(RecommendUseCase.class));
                bind(GetInterestsUseCase.class).toInstance(mock(GetInterestsUseCase.class));
                bind(EraseUserUseCase.class).toInstance(mock(EraseUserUseCase.class));
                bind(TrainModelUseCase.class).toInstance(mock(TrainModelUseCase.class));
                bind(ManageModelsUseCase.class).toInstance(mock(ManageModelsUseCase.class));
                bind(GetForgettingCurveUseCase.class).toInstance(mock(GetForgettingCurveUseCase.class));
                bind(CheckServingUseCase.class).toInstance(mock(CheckServingUseCase.class));
                bind(ManageApiKeysUseCase.class).toInstance(mock(ManageApiKeysUseCase.class));
                bind(DeleteTenantUseCase.class).toInstance(mock(DeleteTenantUseCase.class));
                bind(ListTenantsUseCase.class).toInstance(mock(ListTenantsUseCase.class));
                bind(GetTenantOverviewUseCase.class).toInstance(mock(GetTenantOverviewUseCase.class));
                bind(BrowseUsersUseCase.class).toInstance(mock(BrowseUsersUseCase.class));
            }
        });

        LetheHttpServer server = injector.getInstance(LetheHttpServer.class);

        assertThat(injector.getInstance(LetheHttpServer.class)).isSameAs(server);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theConfigNeverPrintsTheAdminKey() {
        assertThat(HttpServerConfig.of("0.0.0.0", 8080, "admin-key-0123456789-abcdef", Path.of("a")).toString()).doesNotContain("admin-key");
    }
}
