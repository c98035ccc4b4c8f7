package io.hindsight.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP link to a server (a real one, bytes passed as they come) whose replies can stall: armed with some
 * text, the link holds every reply from the moment a request holding that text has passed to the server, until it is
 * released, then delivers them in order. To the client that is a server that applied a command and then answered too
 * late, as a stalled network or a server pausing after it applied the command looks: the client times out on a
 * command that took effect. Armed the other way, it holds the requests from the one holding the text on, so a command
 * the client gave up on reaches the server late, after whatever happened meanwhile.
 */
public final class StallingLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile byte[] trigger;
    private volatile byte[] requestTrigger;
    private boolean stalled;
    private boolean requestsHeld;

    public StallingLink(int serverPort) {
        this.serverPort = serverPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "stalling-link-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Stalls every reply once a request holding {@code text} has passed to the server. */
    public void stallRepliesAfter(String text) {
        trigger = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Holds the first request holding {@code text}, and every request after it, until {@link #release()}. */
    public void holdRequestsFrom(String text) {
        requestTrigger = text.getBytes(StandardCharsets.UTF_8);
    }

    public boolean stalled() {
        synchronized (gate) {
            return stalled;
        }
    }

    public boolean holdsRequests() {
        synchronized (gate) {
            return requestsHeld;
        }
    }

    /** Delivers the replies and requests held and passes the next ones as they come. */
    public void release() {
        trigger = null;
        requestTrigger = null;
        synchronized (gate) {
            stalled = false;
            requestsHeld = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        release();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), true, "stalling-link-requests");
                pump(server.getInputStream(), client.getOutputStream(), false, "stalling-link-replies");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(InputStream from, OutputStream to, boolean requests, String name) {
        Thread pumping = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    ByteArrayOutputStream recent = new ByteArrayOutputStream();
                    ByteArrayOutputStream recentForHold = new ByteArrayOutputStream();
                    try {
                        for (int read; (read = from.read(buffer)) >= 0; ) {
                            if (!requests) {
                                awaitRelease();
                            } else {
                                if (holdsTrigger(recentForHold, buffer, read, requestTrigger)) {
                                    synchronized (gate) {
                                        requestsHeld = true;
                                    }
                                }
                                awaitRequestsReleased();
                                if (holdsTrigger(recent, buffer, read, trigger)) {
                                    // before the request goes on: its reply must not slip through first
                                    synchronized (gate) {
                                        stalled = true;
                                    }
                                }
                            }
                            to.write(buffer, 0, read);
                            to.flush();
                        }
                    } catch (IOException | InterruptedException closed) {
                        // either side went away: the link ends with it
                    }
                },
                name);
        pumping.setDaemon(true);
        pumping.start();
    }

    /** Whether the text armed has passed, looking also across the end of the bytes before (a request split in two). */
    private static boolean holdsTrigger(ByteArrayOutputStream recent, byte[] buffer, int read, byte[] armed) {
        if (armed == null) {
            return false;
        }
        recent.write(buffer, 0, read);
        byte[] seen = recent.toByteArray();
        recent.reset();
        recent.write(seen, Math.max(0, seen.length - armed.length), Math.min(seen.length, armed.length));
        return new String(seen, StandardCharsets.ISO_8859_1).contains(new String(armed, StandardCharsets.ISO_8859_1));
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (gate) {
            while (stalled) {
                gate.wait();
            }
        }
    }

    private void awaitRequestsReleased() throws InterruptedException {
        synchronized (gate) {
            while (requestsHeld) {
                gate.wait();
            }
        }
    }
}
