package io.coapscli.shell;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentListener;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;

/**
 * One running shell: the agent, the presenter (text or JSON), the shell, and the record of whether
 * everything succeeded, which scripts turn into their exit status.
 */
public final class ShellSession implements AutoCloseable {

    private final CoapsAgent agent;
    private final CoapAgent plain;
    private final Shell shell;
    private final Duration settleTimeout;
    private volatile boolean failed;

    public ShellSession(AgentSettings settings, Output out, boolean json, boolean verbose) {
        AtomicBoolean verboseFlag = new AtomicBoolean(verbose);
        Presenter presenter = json ? new JsonPresenter(out) : new TextPresenter(out, verboseFlag::get);
        this.agent = new CoapsAgent(settings, new AgentListener() {
            @Override
            public void onEvent(AgentEvent event) {
                noteOutcome(event);
                presenter.event(event);
            }

            @Override
            public void onQuiet() {
                presenter.flush();
            }
        });
        this.plain = new CoapAgent(settings.forPlainAgent(), new AgentListener() {
            @Override
            public void onEvent(AgentEvent event) {
                noteOutcome(event);
                presenter.event(AgentName.COAP, event);
            }

            @Override
            public void onQuiet() {
                presenter.flush();
            }
        });
        this.shell = new Shell(agent, plain, presenter, verboseFlag);
        // A guard against a hang, never reached when the agent keeps its timers: a handshake, or a request
        // whose failure is followed by a liveness ping under the same rules.
        Duration longest = settings.handshakeTimeout().compareTo(settings.responseTimeout().multipliedBy(2)) > 0
                ? settings.handshakeTimeout() : settings.responseTimeout().multipliedBy(2);
        this.settleTimeout = longest.plusSeconds(5);
    }

    public Shell shell() {
        return shell;
    }

    /** Runs a line; a command that ends in an error marks the session failed. */
    public Shell.Executed execute(String line) {
        Shell.Executed executed = shell.execute(line);
        if (!executed.succeeded()) {
            failed = true;
        }
        return executed;
    }

    /** Waits for the outcomes of every connect and request under way, and for their lines. */
    public void settle() {
        try {
            if (!agent.awaitSettled(settleTimeout) || !plain.awaitSettled(settleTimeout)) {
                failed = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        agent.awaitQueuedEvents();
        plain.awaitQueuedEvents();
    }

    /** True when a command failed, a connect did not connect, or a request got no 2.xx response. */
    public boolean failed() {
        return failed;
    }

    private void noteOutcome(AgentEvent event) {
        if (event instanceof AgentEvent.RequestFailed
                || event instanceof AgentEvent.ResponseReceived response && !response.code().startsWith("2.")
                || event instanceof AgentEvent.Disconnected disconnected && disconnected.clientRole()
                        && !disconnected.wasEstablished()) {
            failed = true;
        }
    }

    /** Stops the agent (close_notify to every peer) and prints what that caused. */
    @Override
    public void close() {
        plain.close();
        agent.close();
    }
}
