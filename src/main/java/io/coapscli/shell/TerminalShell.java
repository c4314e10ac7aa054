package io.coapscli.shell;

import java.io.IOException;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapsAgent;

/** The interactive shell on a terminal: JLine line editing and history, event lines above the prompt. */
public final class TerminalShell {

    private static final String PROMPT = "> ";

    private TerminalShell() {
    }

    public static void run(AgentSettings settings) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("coaps-cli").build();
            Output out = new TerminalOutput(reader);
            try (CoapsAgent agent = new CoapsAgent(settings, Shell.eventPrinter(out))) {
                Shell shell = new Shell(agent, out);
                while (true) {
                    String line;
                    try {
                        line = reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        continue; // Ctrl-C drops the line being typed, as in a shell
                    } catch (EndOfFileException e) {
                        break;
                    }
                    if (!shell.execute(line)) {
                        break;
                    }
                }
            }
        }
    }
}
