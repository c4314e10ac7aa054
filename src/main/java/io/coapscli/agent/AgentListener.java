package io.coapscli.agent;

/** Receives the agent's events, one at a time, in the order they happened, on the agent's event thread. */
@FunctionalInterface
public interface AgentListener {
    void onEvent(AgentEvent event);

    /**
     * Every event so far has been delivered: a listener that buffers what it prints writes it out now. Under
     * load, events come in bursts, and one write for a burst costs less than one per line.
     */
    default void onQuiet() {
    }
}
