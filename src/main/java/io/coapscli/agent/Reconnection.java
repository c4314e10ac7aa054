package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --reconnect}: once our client session ended because its peer stopped answering (a request and a
 * ping unacknowledged), the next request first shakes hands with that peer again, and is sent when the new
 * session is up. Requests made meanwhile wait with it. Off by default, as in OpenThread, where a lost
 * session stays lost until the user connects again. Guarded by the agent's lock.
 */
final class Reconnection {

    private boolean enabled;
    /** The peer whose session ended because it stopped answering; null when there is none to go back to. */
    private InetSocketAddress lost;
    /** Requests held until the new session is up: what sends each, and what reports it if that fails. */
    private record Held(Runnable send, Runnable fail) {
    }

    private final List<Held> waiting = new ArrayList<>();

    void enable(boolean on) {
        enabled = on;
    }

    void peerLost(InetSocketAddress peer) {
        if (enabled) {
            lost = peer;
        }
    }

    /** The user connected, disconnected or stopped: nothing to go back to. */
    void forget() {
        lost = null;
    }

    /** The peer to shake hands with again before a request, or null. */
    InetSocketAddress due() {
        return enabled ? lost : null;
    }

    boolean isWaiting() {
        return !waiting.isEmpty();
    }

    void hold(Runnable send, Runnable fail) {
        waiting.add(new Held(send, fail));
    }

    /** The new session is up: sends the requests that waited. */
    void succeeded() {
        lost = null;
        take().forEach(held -> held.send().run());
    }

    /** The handshake failed: reports the requests that waited. The peer stays due for the next request. */
    void failed() {
        take().forEach(held -> held.fail().run());
    }

    private List<Held> take() {
        List<Held> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }
}
