package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.CancelBooking;
import io.hindsight.booking.api.ConfirmBooking;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;

/** Sends the commands of the booking context and turns Axon's outcomes into the context's errors. */
@Service
public class BookingCommands {

    /** Two nodes can open the same slot at once; after losing that race a retry sees the winner's booking. */
    static final int CREATION_ATTEMPTS = 3;

    private final Commands commands;

    public BookingCommands(Commands commands) {
        this.commands = commands;
    }

    public SpaceId register(RegisterSpace command) {
        commands.send(command);
        return command.spaceId();
    }

    public SpaceLikes like(LikeSpace command) {
        return onSpace(command.spaceId(), () -> commands.send(command));
    }

    public SpaceLikes unlike(UnlikeSpace command) {
        return onSpace(command.spaceId(), () -> commands.send(command));
    }

    public BookingState place(PlaceBooking command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.send(command);
            } catch (RuntimeException failure) {
                if (!lostSlotCreationRace(failure) || attempt == CREATION_ATTEMPTS) {
                    throw failure;
                }
            }
        }
    }

    public BookingState confirm(ConfirmBooking command) {
        return onBooking(command.bookingId().value(), () -> commands.send(command));
    }

    public BookingState cancel(CancelBooking command) {
        return onBooking(command.bookingId().value(), () -> commands.send(command));
    }

    private static boolean lostSlotCreationRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return true;
            }
            if (!(t instanceof CommandExecutionException)) {
                return false;
            }
        }
        return false;
    }

    private static <R> R onSpace(SpaceId spaceId, Supplier<R> send) {
        try {
            return send.get();
        } catch (AggregateNotFoundException notFound) {
            throw new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId);
        }
    }

    private static <R> R onBooking(String bookingId, Supplier<R> send) {
        try {
            return send.get();
        } catch (AggregateNotFoundException notFound) {
            throw new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId);
        }
    }
}
