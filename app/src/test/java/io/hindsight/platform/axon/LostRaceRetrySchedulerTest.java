package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.shop.api.CreateProduct;
import io.hindsight.shop.api.ProductId;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;

class LostRaceRetrySchedulerTest {

    private final Object createsIfMissing = new PlaceBooking(
            BookingId.newId(SpaceId.of("00000000-0000-4000-8000-000000000000"), LocalDate.now()),
            BookingOption.DAY,
            2,
            AccountId.newId());
    private final Object createsOnce = new CreateProduct(ProductId.newId(), "Tea", null, 100, null);

    @Test
    void canRetryEveryCommandThatLostAnAppendRace() {
        ConcurrencyException lost = new ConcurrencyException("another node appended first");
        assertThat(LostRaceRetryScheduler.lostRace(createsIfMissing, lost)).isTrue();
        assertThat(LostRaceRetryScheduler.lostRace(createsOnce, lost)).isTrue();
    }

    @Test
    void canRetryACreateIfMissingCommandThatLostTheCreation() {
        assertThat(LostRaceRetryScheduler.lostRace(
                        createsIfMissing, new AggregateStreamCreationException("created meanwhile")))
                .isTrue();
    }

    /**
     * Axon names a batch's clash after its first event: a funding whose batch starts with its new transfer lost the
     * campaign's sequence to another node as "already exists". A genuine duplicate fails the same way on each retry.
     */
    @Test
    void canRetryAClashReportedAsACreationWhateverTheCommand() {
        assertThat(LostRaceRetryScheduler.lostRace(createsOnce, new AggregateStreamCreationException("exists")))
                .isTrue();
    }

    /** A deadlock's victim was answered 409 CONCURRENT_MODIFICATION where sending it again goes through. */
    @Test
    void canRetryWhatTheDatabaseRolledBackForAnotherTransaction() {
        assertThat(LostRaceRetryScheduler.lostRace(
                        createsOnce,
                        new PessimisticLockingFailureException(
                                "deadlock", new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(LostRaceRetryScheduler.lostRace(
                        createsOnce, new RuntimeException(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(LostRaceRetryScheduler.lostRace(
                        createsOnce,
                        new CannotAcquireLockException("lock timeout", new SQLException("lock timeout", "55P03"))))
                .as("a lock not had in time is an outage's answer, not retried")
                .isFalse();
    }

    @Test
    void cannotRetryABrokenRule() {
        assertThat(LostRaceRetryScheduler.lostRace(
                        createsIfMissing, new BusinessException(CommonError.VALIDATION_FAILED, "no")))
                .isFalse();
    }

    /** Retried on the retry thread, a command sent from a handler would wait for the rows its sender's transaction holds. */
    @Test
    void cannotRetryACommandSentFromAnotherCommandsHandler() {
        assertThat(LostRaceRetryScheduler.sentFromAnotherCommand()).isFalse();
        DefaultUnitOfWork<?> sender = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(LostRaceRetryScheduler.sentFromAnotherCommand()).isTrue();
            try (LostRaceRetryScheduler scheduler = new LostRaceRetryScheduler()) {
                assertThat(scheduler.scheduleRetry(
                                GenericCommandMessage.asCommandMessage(createsOnce),
                                new ConcurrencyException("lost"),
                                List.of(),
                                () -> {}))
                        .isFalse();
            }
        } finally {
            sender.rollback();
        }
    }
}
