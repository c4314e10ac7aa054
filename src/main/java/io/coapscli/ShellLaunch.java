package io.coapscli;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.coapscli.dtls.KeyLog;
import io.coapscli.files.BoundedFile;
import io.coapscli.files.FileErrors;
import io.coapscli.shell.BoundedLines;
import io.coapscli.shell.Output;
import io.coapscli.shell.ShellSession;
import io.coapscli.shell.StreamOutput;
import io.coapscli.shell.TerminalShell;

/**
 * The shell, once its options are known: on a terminal (JLine), on plain lines from a pipe, or on a script
 * ({@code -c}, {@code --script}).
 */
final class ShellLaunch {

    private ShellLaunch() {
    }

    /** The shell, once its options are known: a script, a terminal, or lines from a pipe. */
    static int runShell(Options given) {
        Options options = given;
        try {
            requireWritableLogFile(options.logFile());
            options = usableKeyLog(options);
        } catch (Options.UsageException e) {
            System.err.println("coaps-cli: " + e.getMessage());
            System.err.println("Try 'coaps-cli --help'.");
            return 2;
        }
        try {
            if (!options.script().isEmpty()) {
                return runScript(options, scriptLines(options.script()));
            }
            if (System.console() != null) {
                TerminalShell.run(options.settings(), options.json(), options.verbose());
            } else {
                runLines(options);
            }
            return 0;
        } catch (ScriptFileException e) {
            System.err.println("coaps-cli: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("coaps-cli: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Lines as they arrive, exactly like the interactive shell; at the end of input, the outcomes of
     * connects and requests under way are waited for before the agent stops.
     */
    private static void runLines(Options options) throws IOException {
        try (ShellSession session = new ShellSession(options.settings(), stdout(), options.json(), options.verbose())) {
            Signals.onInterruptOrTerminate(session);
            BoundedLines in = new BoundedLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            String line;
            while ((line = in.next()) != null) {
                if (session.execute(line).exitRequested()) {
                    return;
                }
            }
            session.settle();
        }
    }

    /**
     * Each command after the previous one's outcome: a connect's connected or disconnected line, a
     * request's response or error line. Exit status 0 when everything succeeded, 1 otherwise.
     */
    private static int runScript(Options options, List<String> lines) {
        try (ShellSession session = new ShellSession(options.settings(), stdout(), options.json(), options.verbose())) {
            Signals.onInterruptOrTerminate(session);
            for (String line : lines) {
                boolean exit = session.execute(line).exitRequested();
                session.settle();
                if (exit) {
                    break;
                }
            }
            return session.failed() ? 1 : 0;
        }
    }

    private static List<String> scriptLines(List<Options.Source> sources) throws ScriptFileException {
        List<String> lines = new ArrayList<>();
        for (Options.Source source : sources) {
            if (source.command() != null) {
                lines.add(source.command());
                continue;
            }
            try {
                byte[] script = source.file().toString().equals("-") ? BoundedFile.read(System.in, MAX_SCRIPT_BYTES)
                        : BoundedFile.read(source.file(), MAX_SCRIPT_BYTES);
                new String(script, StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException e) {
                throw new ScriptFileException("cannot read script " + source.file() + ": " + e.getMessage());
            }
        }
        return lines;
    }

    /** Scripts are read whole before they run; this bounds the memory that takes. */
    private static final int MAX_SCRIPT_BYTES = 1 << 20;

    /** A script file that cannot be read is a usage error (status 2). */
    private static final class ScriptFileException extends Exception {
        ScriptFileException(String message) {
            super(message, null, false, false);
        }
    }

    private static Output stdout() {
        // Buffered, not flushed per write: the shell flushes after each result and each burst of events.
        return new StreamOutput(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16), false, StandardCharsets.UTF_8));
    }

    /**
     * A {@code --keylog} file that cannot be written is a usage error; an SSLKEYLOGFILE set for other
     * programs that cannot be written is left aside with a warning (the one-shots choose the same way).
     */
    private static Options usableKeyLog(Options options) throws Options.UsageException {
        KeyLog.Choice choice;
        try {
            choice = KeyLog.choose(options.keyLog(), System.getenv("SSLKEYLOGFILE"));
        } catch (IOException e) {
            throw new Options.UsageException(e.getMessage());
        }
        if (choice.message() != null) {
            System.err.println("coaps-cli: " + choice.message());
        }
        return options.withKeyLog(choice.file());
    }

    /**
     * The simple logger would print a stack trace and fall back to stderr for a log file it cannot open;
     * the user asked for that file, so it is a usage error instead.
     */
    private static void requireWritableLogFile(String logFile) throws Options.UsageException {
        if (logFile == null) {
            return;
        }
        try {
            EarlyLogging.openForAppend(logFile);
        } catch (IOException | RuntimeException e) {
            throw new Options.UsageException("cannot write the log file " + logFile + ": " + FileErrors.describe(e));
        }
    }
}
