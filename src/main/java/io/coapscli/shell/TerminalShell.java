package io.coapscli.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import io.coapscli.agent.AgentSettings;
import io.coapscli.dtls.CryptoWarmUp;

/**
 * The interactive shell on a terminal: JLine line editing, tab completion of commands and subcommands,
 * history kept between runs in ~/.coaps-cli_history (private, without PSK lines), event lines above the prompt.
 */
public final class TerminalShell {

    private static final String PROMPT = "> ";
    static final String HISTORY_FILE = ".coaps-cli_history";

    private TerminalShell() {
    }

    public static void run(AgentSettings settings, boolean json, boolean verbose) throws IOException {
        // The agents and the command tables are built on another thread while JLine opens the terminal (each
        // takes a good part of the time to the first prompt); no event can come before the first command.
        TerminalOutput output = new TerminalOutput();
        FutureTask<ShellSession> starting = new FutureTask<>(() -> new ShellSession(settings, output, json, verbose));
        Thread starter = new Thread(starting, "coaps-shell-start");
        starter.setDaemon(true);
        starter.start();
        Terminal terminal;
        try {
            terminal = SystemTerminal.open();
        } catch (IOException | RuntimeException e) {
            try (ShellSession unused = started(starting)) {
                throw e;
            }
        }
        try (terminal; ShellSession session = started(starting)) {
            // The shell needs the reader for its output, and the reader completes from the shell's tables.
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("coaps-cli")
                    .history(new PrivateHistory()).completer(completer(session.shell()));
            try {
                PrivateHistory.secure(historyFile());
                builder.variable(LineReader.HISTORY_FILE, historyFile());
            } catch (IOException | RuntimeException e) {
                System.err.println("coaps-cli: history is not kept between runs: cannot use " + historyFile()
                        + ": " + e.getMessage());
            }
            LineReader reader = builder.build();
            PasteInsert.install(reader);
            output.printAbove(reader);
            // Nobody connects in the first second of a prompt: the crypto warm-up waited for it.
            CryptoWarmUp.startAfter(Duration.ofMillis(300));
            // Ctrl-C while a command runs (e.g. wait) ends that wait instead of the program.
            terminal.handle(Terminal.Signal.INT, signal -> session.shell().interruptWait());
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line being typed, as in a shell
                } catch (EndOfFileException e) {
                    break;
                }
                if (session.execute(line).exitRequested()) {
                    break;
                }
            }
        }
    }

    private static ShellSession started(FutureTask<ShellSession> starting) throws IOException {
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the shell", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    static Path historyFile() {
        return Path.of(System.getProperty("user.home"), HISTORY_FILE);
    }

    /** Completes commands, subcommands and each one's arguments. */
    static Completer completer(Shell shell) {
        return new ShellCompleter(shell.topLevelNames(), shell.coapsNames(), shell.coapNames());
    }
}
