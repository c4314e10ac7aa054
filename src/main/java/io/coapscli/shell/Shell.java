package io.coapscli.shell;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.agent.OtError;

/**
 * Reads command lines and has them printed: each command's output and its one result line
 * ({@code Done} or {@code Error N: Name}), through the {@link Presenter}, the only code that prints.
 */
public final class Shell {

    private static final Logger LOGGER = LoggerFactory.getLogger(Shell.class);

    /** The longest command line: room for a 64 KiB payload and the command around it. */
    public static final int MAX_LINE_CHARS = 131072;

    /** What one line did. */
    public record Executed(boolean succeeded, boolean exitRequested) {
    }

    private final CoapsAgent agent;
    private final CoapAgent plain;
    private final Presenter presenter;
    private final AtomicBoolean verbose;
    private final Waiter waiter = new Waiter();
    private final CoapsCommands coaps;
    private final CoapCommands coap;
    private final CommandTable topLevel;
    private boolean exitRequested;

    /** @param plain the plain CoAP agent beside the secure one, as on an OpenThread device */
    public Shell(CoapsAgent agent, CoapAgent plain, Presenter presenter, AtomicBoolean verbose) {
        this.agent = agent;
        this.plain = plain;
        this.presenter = presenter;
        this.verbose = verbose;
        this.coaps = new CoapsCommands(agent, presenter::commandOutput);
        this.coap = new CoapCommands(plain, presenter::commandOutput);
        this.topLevel = new CommandTable(List.of(
                new Command("coap", coap::run),
                new Command("coaps", coaps::run),
                new Command("exit", args -> exitRequested = true),
                new Command("help", this::help),
                new Command("verbose", this::verbose),
                new Command("wait", this::waitForSignal, false)));
    }

    /**
     * Runs one command line and prints its output and result; nothing for a blank line or a comment
     * ({@code #} first). Event lines wait until the result is out, and events that happened before the
     * line was read are printed before it.
     */
    public Executed execute(String line) {
        agent.awaitQueuedEvents();
        plain.awaitQueuedEvents();
        Output out = presenter.output();
        if (line.length() > MAX_LINE_CHARS) {
            presenter.result(line.substring(0, 80) + "...", new AgentException(OtError.INVALID_ARGS,
                    "the line is longer than " + MAX_LINE_CHARS + " characters"));
            return new Executed(false, exitRequested);
        }
        if (line.strip().startsWith("#")) {
            return new Executed(true, exitRequested); // a comment, whatever quotes it holds
        }
        List<String> args;
        try {
            args = Arguments.split(line);
        } catch (Arguments.MalformedLineException e) {
            presenter.result(line, new AgentException(OtError.INVALID_ARGS, e.getMessage()));
            return new Executed(false, exitRequested);
        }
        if (args.isEmpty()) {
            return new Executed(true, exitRequested);
        }
        Command command;
        try {
            command = topLevel.require(args.get(0), "");
        } catch (AgentException unknown) {
            presenter.result(line, unknown);
            return new Executed(false, exitRequested);
        }
        AgentException error;
        if (command.holdsOutput()) {
            synchronized (out) {
                error = run(command, args);
                presenter.result(line, error);
            }
        } else {
            error = run(command, args);
            presenter.result(line, error);
        }
        return new Executed(error == null, exitRequested);
    }

    /** Runs a handler; whatever it throws becomes its error result, so no exception ever ends the shell. */
    private static AgentException run(Command command, List<String> args) {
        try {
            command.handler().run(args.subList(1, args.size()));
            return null;
        } catch (AgentException e) {
            return e;
        } catch (RuntimeException e) {
            LOGGER.debug("command {} failed unexpectedly", args.get(0), e);
            return new AgentException(OtError.FAILED, "unexpected failure: " + e);
        }
    }

    /** Ends a running {@code wait} (SIGINT, SIGTERM); false when none was running. */
    public boolean interruptWait() {
        return waiter.release();
    }

    List<String> topLevelNames() {
        return topLevel.names();
    }

    List<String> coapsNames() {
        return coaps.names();
    }

    List<String> coapNames() {
        return coap.names();
    }

    private void help(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            topLevel.names().forEach(presenter::commandOutput);
            return;
        }
        // help get, help coaps get: the coaps subcommands are what people ask about.
        List<String> usage = null;
        if (args.size() == 1) {
            usage = Help.topLevel(args.get(0));
            usage = usage != null ? usage : Help.coaps(args.get(0));
        } else if (args.size() == 2 && args.get(0).equals("coaps")) {
            usage = Help.coaps(args.get(1));
        } else if (args.size() == 2 && args.get(0).equals("coap")) {
            usage = Help.coap(args.get(1));
        }
        if (usage == null) {
            throw AgentException.detailed(OtError.INVALID_ARGS, "no help for " + String.join(" ", args)
                    + ": `help` lists the commands, `coaps help` and `coap help` the subcommands");
        }
        usage.forEach(presenter::commandOutput);
    }

    /** {@code verbose [on|off]}: without argument, prints the state. */
    private void verbose(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            presenter.commandOutput(verbose.get() ? "on" : "off");
        } else if (args.size() == 1 && (args.get(0).equals("on") || args.get(0).equals("off"))) {
            verbose.set(args.get(0).equals("on"));
        } else {
            throw new AgentException(OtError.INVALID_ARGS);
        }
    }

    /** {@code wait [seconds]}: serve until SIGINT or SIGTERM, or for the given time. */
    private void waitForSignal(List<String> args) throws AgentException {
        Duration timeout = null;
        if (args.size() == 1) {
            int seconds = Numbers.decimal(args.get(0), 0, Integer.MAX_VALUE);
            if (seconds < 0) {
                throw new AgentException(OtError.INVALID_ARGS);
            }
            timeout = Duration.ofSeconds(seconds);
        } else if (args.size() > 1) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        try {
            waiter.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
