package io.hindsight.booking;

import io.hindsight.booking.api.SlotEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The slot views (which options of a space are held on a date, and the bookings of that date) and the
 * per-booking list rows derived from them. Both writes are idempotent per event.
 */
@QueryRole
@Component
@ProcessingGroup(SlotProjection.NAME)
public class SlotProjection extends TableProjection {

    public static final String NAME = "booking-slots";

    private final FoldProjector projector;
    private final ViewDefinition<SlotView> slots;
    private final BookingEntries entries;

    public SlotProjection(
            FoldProjector projector, ReadModelTables tables, ViewDefinition<SlotView> slots, BookingEntries entries) {
        super(NAME, tables, slots.table(), BookingEntries.TABLE);
        this.projector = projector;
        this.slots = slots;
        this.entries = entries;
    }

    @EventHandler
    void on(SlotEvent event, DomainEventMessage<?> message) {
        projector
                .project(slots, message)
                .flatMap(slot -> slot.booking(event.bookingId().value()))
                .ifPresent(booking -> entries.save(booking, message.getSequenceNumber()));
    }
}
