package io.hindsight.platform.embedded;

/** A server this node started for itself: whether its process still runs, and how to start it again in its place. */
interface EmbeddedServer extends AutoCloseable {

    /** Whether its process still runs (a stopped one, SIGSTOP, still does). */
    boolean alive();

    /** A server on the same port and data, in place of this one, whose process ended. */
    EmbeddedServer startedAgain();

    @Override
    void close();
}
