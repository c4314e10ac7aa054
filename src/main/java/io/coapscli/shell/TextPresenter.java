package io.coapscli.shell;

import java.util.function.BooleanSupplier;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;

/** OpenThread's lines; in verbose mode, indented detail lines follow an event's line. */
public final class TextPresenter implements Presenter {

    private final Output out;
    private final BooleanSupplier verbose;

    public TextPresenter(Output out, BooleanSupplier verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public Output output() {
        return out;
    }

    @Override
    public void commandOutput(String line) {
        out.line(line);
    }

    @Override
    public void result(String commandLine, AgentException error) {
        synchronized (out) {
            if (error == null) {
                out.line("Done");
            } else {
                if (error.reason() != null) {
                    out.line(error.reason());
                } else if (error.detail() != null && verbose.getAsBoolean()) {
                    out.line(error.detail());
                }
                out.line(EventLines.errorLine(error.error()));
            }
            out.flush();
        }
    }

    @Override
    public void event(AgentName agent, AgentEvent event) {
        synchronized (out) {
            String line = EventLines.format(agent, event);
            if (line != null) {
                out.line(line);
            }
            EventLines.rows(event).forEach(out::line);
            EventLines.links(event).forEach(link -> out.line("  " + link));
            if (verbose.getAsBoolean()) {
                EventLines.details(event).forEach(detail -> out.line("  " + detail));
            }
        }
    }
}
