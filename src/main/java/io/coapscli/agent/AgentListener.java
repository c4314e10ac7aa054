package io.coapscli.agent;

/** Receives the agent's events, one at a time, in the order they happened, on the agent's event thread. */
@FunctionalInterface
public interface AgentListener {
    void onEvent(AgentEvent event);
}
