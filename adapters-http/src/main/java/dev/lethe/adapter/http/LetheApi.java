package dev.lethe.adapter.http;

import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.BrowseUsersUseCase;
import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.DeleteTenantUseCase;
import dev.lethe.application.port.in.EraseUserUseCase;
import dev.lethe.application.port.in.GetForgettingCurveUseCase;
import dev.lethe.application.port.in.GetInterestsUseCase;
import dev.lethe.application.port.in.GetTenantOverviewUseCase;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.application.port.in.ManageApiKeysUseCase;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.RecommendUseCase;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.in.UpsertItemUseCase;
import java.util.Objects;

/** The use cases the HTTP API drives. */
record LetheApi(
        CreateTenantUseCase createTenant,
        AuthenticateTenantUseCase authenticate,
        IngestBehaviorsUseCase ingest,
        UpsertItemUseCase upsertItem,
        RecommendUseCase recommend,
        GetInterestsUseCase interests,
        EraseUserUseCase eraseUser,
        TrainModelUseCase train,
        ManageModelsUseCase models,
        GetForgettingCurveUseCase curves,
        CheckServingUseCase serving,
        ManageApiKeysUseCase apiKeys,
        DeleteTenantUseCase deleteTenant,
        ListTenantsUseCase listTenants,
        GetTenantOverviewUseCase overview,
        BrowseUsersUseCase browseUsers) {
    LetheApi {
        Objects.requireNonNull(createTenant, "createTenant");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(upsertItem, "upsertItem");
        Objects.requireNonNull(recommend, "recommend");
        Objects.requireNonNull(interests, "interests");
        Objects.requireNonNull(eraseUser, "eraseUser");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(curves, "curves");
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(deleteTenant, "deleteTenant");
        Objects.requireNonNull(listTenants, "listTenants");
        Objects.requireNonNull(overview, "overview");
        Objects.requireNonNull(browseUsers, "browseUsers");
    }
}
