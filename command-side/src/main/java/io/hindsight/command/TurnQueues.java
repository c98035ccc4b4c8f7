package io.hindsight.command;

import io.hindsight.command.Turns.Turn;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The node's own queue for each turn, in front of the database's ({@link TurnsBeforeLoading}). A command holds a
 * pooled connection from the start of its transaction, so a popular campaign's fundings, all waiting for its turn in
 * PostgreSQL, held every connection of the node and every other request on it waited 2 s for one and was answered
 * 503. Here they wait in the order they came, without a connection, and one at a time per aggregate goes on.
 */
@Component
public class TurnQueues {

    private final Duration longestWait;
    private final int mostInLine;
    private final ConcurrentHashMap<Turn, Queue> queues = new ConcurrentHashMap<>();

    /**
     * Up to 5 s: with the pool's 2 s and the database's 2 s after it, within the proxy's 10 s. At most 64 in line per
     * turn: each holds a request thread, and 500 fundings of one campaign on a node held all 200 of its threads, so
     * every other request waited for one (up to 6 s) and answers passed the proxy's 10 s. One more is refused at once.
     */
    public TurnQueues() {
        this(Duration.ofSeconds(5), 64);
    }

    TurnQueues(Duration longestWait, int mostInLine) {
        this.longestWait = longestWait;
        this.mostInLine = mostInLine;
    }

    /** How many turns someone waits for or holds on this node. */
    int inUse() {
        return queues.size();
    }

    /** How many wait for or hold {@code turn} on this node. */
    int inLine(Turn turn) {
        Queue queue = queues.get(turn);
        return queue == null ? 0 : queue.users;
    }

    /** Waits for each of {@code turns} on this node, in their order; the place is left when closed. */
    public Place enter(List<Turn> turns) {
        Place place = new Place();
        try {
            for (Turn turn : turns) {
                place.take(turn);
            }
            return place;
        } catch (RuntimeException refused) {
            place.close();
            throw refused;
        }
    }

    /** Holds a lock while a command waits for it or holds it; dropped when nobody does. */
    private static final class Queue {
        private final ReentrantLock lock = new ReentrantLock(true);
        private volatile int users;
    }

    public final class Place implements AutoCloseable {

        private final Deque<Turn> held = new ArrayDeque<>();

        private void take(Turn turn) {
            boolean[] inLine = {false};
            Queue queue = queues.compute(turn, (key, existing) -> {
                Queue used = existing == null ? new Queue() : existing;
                if (used.users < mostInLine) {
                    used.users++;
                    inLine[0] = true;
                }
                return used;
            });
            boolean taken = false;
            if (inLine[0]) {
                try {
                    taken = queue.lock.tryLock(longestWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (!taken) {
                        leave(turn);
                    }
                }
            }
            if (!taken) {
                throw new BusinessException(
                        CommonError.SERVER_BUSY,
                        "Too many requests for this object are waiting for their turn; try again shortly");
            }
            held.push(turn);
        }

        @Override
        public void close() {
            while (!held.isEmpty()) {
                Turn turn = held.pop();
                queues.get(turn).lock.unlock();
                leave(turn);
            }
        }

        private void leave(Turn turn) {
            queues.computeIfPresent(turn, (key, queue) -> --queue.users == 0 ? null : queue);
        }
    }
}
