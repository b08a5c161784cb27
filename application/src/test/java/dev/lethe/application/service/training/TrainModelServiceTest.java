package dev.lethe.application.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.domain.training.Activation;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.Tuning;
import dev.lethe.domain.training.TrainingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class TrainModelServiceTest {
    private static final TenantId TENANT = new TenantId("shop");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ThreadFactory DAEMONS = r -> {
        Thread t = new Thread(r, "test-training");
        t.setDaemon(true);
        return t;
    };
    private static final String OWNER = "test-host:1:worker";
    private static final Clock CLOCK = Clock.fixed(START.plusSeconds(86_400 * 30), ZoneOffset.UTC);

    @Mock
    BehaviorRepository behaviors;
    @Mock
    ItemRepository items;
    @Mock
    ModelRegistry registry;
    @Mock
    TrainingJobRepository jobs;
    @Mock
    ServingModels serving;
    @Mock
    ModelEnginePort engine;
    @TempDir
    Path artifacts;

    private final List<TrainingJob> saved = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void log() {
        List<Behavior> log = new ArrayList<>();
        int n = 0;
        for (int u = 1; u <= 5; u++) {
            for (int i = 1; i <= 4; i++) {
                log.add(Behavior.of(new EventId("e" + n), new UserId("u" + u), new ItemId("i" + ((u + i) % 6)), BehaviorType.VIEW,
                        START.plusSeconds(3600L * n++)));
            }
        }
        log.sort(java.util.Comparator.comparing(Behavior::occurredAt));
        lenient().doAnswer(inv -> {
            Consumer<Behavior> sink = inv.getArgument(3);
            log.forEach(sink);
            return new java.util.TreeSet<Long>();
        }).when(behaviors).forEachInTimeOrder(eq(TENANT), any(), anyLong(), any());
        lenient().when(serving.curveFor(TENANT)).thenReturn(ExponentialCurve.ofDays(14));
        lenient().when(serving.tenantCurve(TENANT)).thenReturn(new ServingModels.CurveInForce(ExponentialCurve.ofDays(14), "default"));
        lenient().when(serving.weightsFor(TENANT)).thenReturn(BehaviorWeights.defaults(TenantKind.ECOMMERCE));
        lenient().when(registry.nextVersion(TENANT)).thenReturn(3);
        lenient().doAnswer(inv -> saved.add(inv.getArgument(0))).when(jobs).save(any());
        lenient().when(jobs.claimNext(eq(OWNER), any(), any(), eq(TrainingWorker.Settings.DEFAULTS.maxAttempts()))).thenAnswer(inv -> {
            synchronized (saved) {
                if (saved.isEmpty() || saved.get(saved.size() - 1).status() != TrainingStatus.QUEUED) {
                    return Optional.empty();
                }
                TrainingJob claimed = saved.get(saved.size() - 1).claimed(OWNER, inv.getArgument(2), inv.getArgument(1));
                saved.add(claimed);
                return Optional.of(claimed);
            }
        });
        lenient().when(jobs.saveIfLeased(any(), eq(OWNER))).thenAnswer(inv -> saved.add(inv.getArgument(0)));
        lenient().when(engine.families()).thenReturn(Set.of("lstm"));
    }

    private TrainModelService service() {
        return new TrainModelService(behaviors, items, registry, jobs, serving, Optional.of(engine), artifacts, CLOCK);
    }

    /** Queues the job and runs it on this thread, as this process's worker would. */
    private TrainingJob train(TrainModelCommand command) {
        TrainModelService service = service();
        TrainingJob queued = service.start(command);
        try (TrainingWorker worker = new TrainingWorker(service, jobs, OWNER, TrainingWorker.Settings.DEFAULTS, CLOCK, DAEMONS)) {
            assertThat(worker.runOnce()).isTrue();
        }
        return queued;
    }

    private ModelVersion registered() {
        ArgumentCaptor<ModelVersion> version = ArgumentCaptor.forClass(ModelVersion.class);
        verify(registry).register(version.capture());
        return version.getValue();
    }

    @Test
    void aJavaFamilyIsTrainedValidatedRegisteredAndActivatedWhenNoneIsActive() throws Exception {
        when(registry.active(TENANT)).thenReturn(Optional.empty());

        TrainingJob queued = train(new TrainModelCommand(TENANT, "decayed-pop", Activation.IF_BETTER));

        ModelVersion version = registered();
        assertThat(version.version()).isEqualTo(3);
        assertThat(version.engine()).isEqualTo("java");
        assertThat(version.active()).isTrue();
        assertThat(version.metrics()).containsKeys("ndcg@10", "hr@10").containsEntry("validation_cases", 5.0);
        assertThat(Files.readString(artifacts.resolve("shop/v3/model.properties"))).contains("family=decayed-pop");
        verify(serving).invalidate(TENANT);
        TrainingJob last = saved.get(saved.size() - 1);
        assertThat(last.id()).isEqualTo(queued.id());
        assertThat(last.status()).isEqualTo(TrainingStatus.SUCCEEDED);
        assertThat(last.modelVersion()).contains(3);
    }

    @Test
    void theProfileFamilyIsTrainedInProcess() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());

        train(new TrainModelCommand(TENANT, "profile", Activation.IF_BETTER));

        ModelVersion version = registered();
        assertThat(version.family()).isEqualTo("profile");
        assertThat(version.engine()).isEqualTo("java");
        assertThat(saved.get(saved.size() - 1).status()).isEqualTo(TrainingStatus.SUCCEEDED);
    }

    @Test
    void aTunedProfileJobRegistersTheWinnerWithEveryTrialInItsMetrics() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());

        train(new TrainModelCommand(TENANT, "profile", Activation.IF_BETTER, Optional.of(new Tuning(5, 1, 12))));

        ModelVersion version = registered();
        assertThat(version.metrics()).containsKeys("ndcg@10", "tune.best.validation_ndcg@10", "tune.defaults.validation_ndcg@10",
                "tune.trial.000.validation_ndcg@10", "tune.trial.011.window").containsEntry("tune.trials", 12.0);
        assertThat(version.metrics().get("tune.best.validation_ndcg@10")).isGreaterThanOrEqualTo(version.metrics().get("tune.defaults.validation_ndcg@10"));
        TrainingJob last = saved.get(saved.size() - 1);
        assertThat(last.status()).isEqualTo(TrainingStatus.SUCCEEDED);
        assertThat(last.metrics()).isEqualTo(version.metrics());
        assertThat(last.tuning()).contains(new Tuning(5, 1, 12));
    }

    @Test
    void aTunedBlendJobSearchesTheProfileTheEngineBlendsIn() {
        when(registry.active(TENANT)).thenReturn(Optional.empty());
        when(engine.families()).thenReturn(Set.of("lstm", "blend"));
        when(engine.blends()).thenReturn(Set.of("blend"));
        when(engine.engine()).thenReturn("mxnet");
        ArgumentCaptor<ModelTrainer> profile = ArgumentCaptor.forClass(ModelTrainer.class);
        when(engine.train(eq("blend"), any(TrainingData.class), profile.capture(), any(TrainingListener.class)))
                .thenAnswer(inv -> inv.<ModelTrainer>getArgument(2).train(inv.getArgument(1), inv.getArgument(3)));

        train(new TrainModelCommand(TENANT, "blend", Activation.IF_BETTER, Optional.of(new Tuning(5, 1, 12))));

        assertThat(profile.getValue().name()).isEqualTo("profile");
        ModelVersion version = registered();
        assertThat(version.family()).isEqualTo("blend");
        assertThat(version.metrics()).containsKeys("tune.best.validation_ndcg@10", "tune.trial.011.window").containsEntry("tune.trials", 12.0);
        verify(engine, never()).train(eq("blend"), any(TrainingData.class), any(TrainingListener.class));
    }

    @Test
    void aSearchIsRefusedForAFamilyWithoutSettings() {
        assertThatThrownBy(() -> service().start(new TrainModelCommand(TENANT, "pop", Activation.IF_BETTER, Optional.of(new Tuning(5, 1, 12)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tune is only for the families [profile]");
        verify(jobs, never()).save(any());
    }

    @Test
    void aWorseVersionIsRegisteredButNotActivated() {
        when(registry.active(TENANT)).thenReturn(Optional.of(new ModelVersion(TENANT, 2, "lstm", "mxnet", Map.of("ndcg@10", 2.0), "/x", true, START)));

        train(new TrainModelCommand(TENANT, "decayed-pop", Activation.IF_BETTER));

        assertThat(registered().active()).isFalse();
        verify(serving, never()).invalidate(TENANT);
    }

    @Test
    void aFileBackedFamilyIsTrainedAndSavedByTheEngine() {
        when(engine.engine()).thenReturn("mxnet");
        when(engine.train(eq("lstm"), any(TrainingData.class), any(TrainingListener.class)))
                .thenAnswer(inv -> DecayedPopularity.fit("lstm", inv.<TrainingData>getArgument(1).catalogue(), Optional.empty(), List.of()));

        train(new TrainModelCommand(TENANT, "lstm", Activation.NEVER));

        verify(engine).save(any(), eq(artifacts.resolve("shop/v3")));
        assertThat(registered().engine()).isEqualTo("mxnet");
        assertThat(registered().active()).isFalse();
    }

    @Test
    void theTrainingDataHoldsOutEachUsersLastEventForValidation() {
        ArgumentCaptor<TrainingData> data = ArgumentCaptor.forClass(TrainingData.class);
        when(engine.engine()).thenReturn("mxnet");
        when(engine.train(eq("lstm"), data.capture(), any()))
                .thenAnswer(inv -> DecayedPopularity.fit("lstm", inv.<TrainingData>getArgument(1).catalogue(), Optional.empty(), List.of()));

        train(new TrainModelCommand(TENANT, "lstm", Activation.NEVER));

        assertThat(data.getValue().events()).hasSize(15);
        assertThat(data.getValue().validation()).hasSize(5)
                .allSatisfy(c -> assertThat(c.context().history()).hasSize(3)
                        .allSatisfy(b -> assertThat(b.occurredAt()).isBefore(c.context().asOf())));
    }

    @Test
    void anEngineFailureFailsTheJobWithTheReason() {
        when(engine.train(eq("lstm"), any(), any())).thenThrow(new ModelEnginePort.ModelEngineException("out of memory", null));

        train(new TrainModelCommand(TENANT, "lstm", Activation.ALWAYS));

        TrainingJob last = saved.get(saved.size() - 1);
        assertThat(last.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(last.error()).hasValueSatisfying(e -> assertThat(e).contains("out of memory"));
        verify(registry, never()).register(any());
    }

    @Test
    void progressIsSavedAtMostOncePerIntervalHoweverOftenTheTrainerReports() {
        when(engine.engine()).thenReturn("mxnet");
        when(engine.train(eq("lstm"), any(), any())).thenAnswer(inv -> {
            TrainingListener listener = inv.getArgument(2);
            for (int i = 1; i <= 1000; i++) {
                listener.progress("batch", i, 1000, "");
            }
            return DecayedPopularity.fit("lstm", inv.<TrainingData>getArgument(1).catalogue(), Optional.empty(), List.of());
        });

        train(new TrainModelCommand(TENANT, "lstm", Activation.NEVER));

        // three forced phase changes and the final state; the fixed clock never lets a throttled report through
        verify(jobs, atMost(4)).saveIfLeased(any(), eq(OWNER));
        assertThat(saved.get(saved.size() - 1).status()).isEqualTo(TrainingStatus.SUCCEEDED);
    }

    @Test
    void aJobWhoseLeaseWasLostStopsAtItsNextReportAndStoresNoOutcome() {
        when(jobs.saveIfLeased(any(), eq(OWNER))).thenReturn(false);

        train(new TrainModelCommand(TENANT, "decayed-pop", Activation.ALWAYS));

        verify(registry, never()).register(any());
        verify(jobs, times(1)).saveIfLeased(any(), eq(OWNER));
    }

    @Test
    void closingTheWorkerReleasesTheRunningJobToTheQueueWithItsAttemptGivenBack() throws Exception {
        CountDownLatch training = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        when(engine.train(eq("lstm"), any(), any())).thenAnswer(inv -> {
            training.countDown();
            finish.await(10, TimeUnit.SECONDS);
            throw new ModelEnginePort.ModelEngineException("stopped by the test", null);
        });
        TrainModelService service = service();
        service.start(new TrainModelCommand(TENANT, "lstm", Activation.ALWAYS));
        TrainingWorker.Settings settings = new TrainingWorker.Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO);
        TrainingWorker worker = new TrainingWorker(service, jobs, OWNER, settings, CLOCK, DAEMONS);
        worker.start();
        assertThat(training.await(10, TimeUnit.SECONDS)).isTrue();

        worker.close();
        finish.countDown();

        ArgumentCaptor<TrainingJob> stored = ArgumentCaptor.forClass(TrainingJob.class);
        verify(jobs, atLeastOnce()).saveIfLeased(stored.capture(), eq(OWNER));
        TrainingJob released = stored.getAllValues().stream().filter(j -> j.status() == TrainingStatus.QUEUED).findFirst().orElseThrow();
        assertThat(released.attempts()).isZero();
        assertThat(released.lease()).isEmpty();
        assertThat(released.message()).contains(OWNER).contains("shut down");
    }

    @Test
    void startingAJobWakesTheLocalWorkerAtOnceNotOnItsNextPoll() {
        TrainModelService service = service();
        TrainingWorker.Settings slowPoll = new TrainingWorker.Settings(Duration.ofSeconds(30), Duration.ofMinutes(10), 3, Duration.ZERO);
        try (TrainingWorker worker = new TrainingWorker(service, jobs, OWNER, slowPoll, CLOCK, DAEMONS)) {
            worker.start();
            verify(jobs, timeout(10_000)).claimNext(any(), any(), any(), anyInt()); // found nothing: now it waits

            service.start(new TrainModelCommand(TENANT, "decayed-pop", Activation.ALWAYS));

            verify(registry, timeout(10_000)).register(any());
        }
    }

    @Test
    void aWorkerThatStoppedClaimingClaimsNothing() {
        TrainModelService service = service();
        service.start(new TrainModelCommand(TENANT, "decayed-pop", Activation.ALWAYS));
        try (TrainingWorker worker = new TrainingWorker(service, jobs, OWNER, TrainingWorker.Settings.DEFAULTS, CLOCK, DAEMONS)) {
            worker.stopClaiming();

            assertThat(worker.runOnce()).isFalse();
        }
        verify(jobs, never()).claimNext(any(), any(), any(), anyInt());
    }

    @Test
    void anUnknownFamilyIsRefusedNamingTheField() {
        assertThatThrownBy(() -> service().start(new TrainModelCommand(TENANT, "oracle", Activation.ALWAYS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("family");
        verify(jobs, never()).save(any());
    }
}
