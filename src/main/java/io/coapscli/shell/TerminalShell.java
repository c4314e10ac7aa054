package io.coapscli.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.NullCompleter;
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
        try (Terminal terminal = SystemTerminal.open()) {
            // The shell needs the reader for its output, and the reader completes from the shell's tables.
            AtomicReference<Completer> completer = new AtomicReference<>(NullCompleter.INSTANCE);
            LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("coaps-cli")
                    .history(new PrivateHistory());
            try {
                PrivateHistory.secure(historyFile());
                builder.variable(LineReader.HISTORY_FILE, historyFile());
            } catch (IOException | RuntimeException e) {
                System.err.println("coaps-cli: history is not kept between runs: cannot use " + historyFile()
                        + ": " + e.getMessage());
            }
            LineReader reader = builder
                    .completer((lineReader, parsed, candidates) -> completer.get().complete(lineReader, parsed, candidates))
                    .build();
            PasteInsert.install(reader);
            try (ShellSession session = new ShellSession(settings, new TerminalOutput(reader), json, verbose)) {
                completer.set(completer(session.shell()));
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
    }

    static Path historyFile() {
        return Path.of(System.getProperty("user.home"), HISTORY_FILE);
    }

    /** Completes commands, subcommands and each one's arguments. */
    static Completer completer(Shell shell) {
        return new ShellCompleter(shell.topLevelNames(), shell.coapsNames(), shell.coapNames());
    }
}
