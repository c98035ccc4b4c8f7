package io.hindsight.query;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes live streams on threads of their own, one push per stream at a time: a client that stops reading blocks its
 * own stream only. Written from one poller thread, one full socket had held back every other stream on the node,
 * keep-alives included, for as long as that client kept its connection.
 */
public final class LiveStreamSenders<S extends LiveStream> {

    private static final Logger log = LoggerFactory.getLogger(LiveStreamSenders.class);
    private static final int MAX_SENDERS = 256;

    private final ThreadPoolExecutor senders;
    private final long heartbeatMillis;
    private final Consumer<S> forget;

    /** {@code forget} drops an ended stream from its owner's registry; it may be called more than once. */
    public LiveStreamSenders(String threadName, Duration heartbeat, Consumer<S> forget) {
        this.heartbeatMillis = heartbeat.toMillis();
        this.forget = forget;
        this.senders = new ThreadPoolExecutor(0, MAX_SENDERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Pushes the stream on a sender unless a push of it is under way; never throws. When every sender is held by a
     * client that stopped reading, the stream is pushed at a later offer.
     */
    public void offer(S stream) {
        if (stream.ended || !stream.pushing.compareAndSet(false, true)) {
            return;
        }
        try {
            senders.execute(() -> push(stream));
        } catch (RejectedExecutionException busy) {
            stream.pushing.set(false);
        }
    }

    /** Offers the stream only when something waits for it or its heartbeat is due: a poll with nothing new wakes no one. */
    public void offerWhenDue(S stream) {
        if (stream.hasWaiting() || stream.heartbeatDue(heartbeatMillis)) {
            offer(stream);
        }
    }

    /** Writes a heartbeat to the stream now, or as soon as a push under way is done: it fails if its client left. */
    public void heartbeatNow(S stream) {
        stream.heartbeatWanted = true;
        offer(stream);
    }

    private void push(S stream) {
        try {
            if (stream.ended || !stream.push(heartbeatMillis) || stream.ended) {
                end(stream, null);
            }
        } catch (IOException | IllegalStateException gone) {
            end(stream, gone);
        } catch (Throwable e) {
            log.warn("A live stream failed", e);
            end(stream, e);
        } finally {
            stream.pushing.set(false);
        }
        if (stream.hasWaiting() || stream.heartbeatWanted) {
            offer(stream);
        }
    }

    /**
     * Ends every stream, as the node starts to stop; one a sender is writing to is ended by that sender when its write
     * returns, since ending it here would wait for the same write.
     */
    public void endAll(Iterable<S> streams) {
        for (S stream : streams) {
            if (stream.pushing.compareAndSet(false, true)) {
                end(stream, null);
            } else {
                stream.ended = true;
            }
        }
    }

    /** Ends the stream; {@code cause} null when it ends by design (its caller lost access, the node stops). */
    private void end(S stream, Throwable cause) {
        stream.ended = true;
        forget.accept(stream);
        try {
            if (cause == null) {
                stream.emitter().complete();
            } else {
                stream.emitter().completeWithError(cause);
            }
        } catch (RuntimeException alreadyDone) {
            // the response has ended already
        }
    }

    public void shutdown() {
        senders.shutdownNow();
    }
}
