package dev.lethe.application.service.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.EraseUserCommand;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class EraseUserServiceTest {
    private static final TenantId TENANT = new TenantId("shop");
    @Mock
    BehaviorRepository behaviors;
    private final List<TenantId> invalidated = new ArrayList<>();

    @Test
    void erasingDeletesTheEventsAndDropsDerivedServingState() {
        when(behaviors.eraseUser(TENANT, new UserId("u1"))).thenReturn(7);

        int erased = new EraseUserService(behaviors, invalidated::add).erase(new EraseUserCommand(TENANT, new UserId("u1")));

        assertThat(erased).isEqualTo(7);
        assertThat(invalidated).containsExactly(TENANT);
    }

    @Test
    void erasingAnUnknownUserIsANoOp() {
        when(behaviors.eraseUser(TENANT, new UserId("ghost"))).thenReturn(0);

        assertThat(new EraseUserService(behaviors, invalidated::add).erase(new EraseUserCommand(TENANT, new UserId("ghost")))).isZero();
        assertThat(invalidated).isEmpty();
    }
}
