package io.hindsight.command;

import java.util.Optional;
import java.util.function.Function;

/**
 * The commands of a context whose aggregates many clients change at once, which take turns on each aggregate
 * ({@link TurnsBeforeLoading}) instead of racing on its event sequence. A race's loser is sent again, at most three
 * times: under a steady stream of small commands (fundings of a popular campaign) a large one (its cancellation,
 * which settles every hold) lost all of them and was answered 409 CONCURRENT_MODIFICATION, however often it was sent.
 */
public record TakingTurns<C>(String kind, Class<C> commands, Function<C, String> aggregateId) {

    public static <C> TakingTurns<C> of(String kind, Class<C> commands, Function<C, String> aggregateId) {
        return new TakingTurns<>(kind, commands, aggregateId);
    }

    /** The aggregate whose turn {@code command} waits for, if it is one of these commands. */
    Optional<String> aggregateOf(Object command) {
        return commands.isInstance(command) ? Optional.of(aggregateId.apply(commands.cast(command))) : Optional.empty();
    }
}
