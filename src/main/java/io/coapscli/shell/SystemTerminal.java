package io.coapscli.shell;

import java.io.IOException;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The process's terminal for JLine, opened without starting other programs where JLine can do without:
 * each one cost the first prompt 20-40 ms (a process spawned from the JVM).
 * <ul>
 * <li>JLine's own native terminal (its jar carries the library); stty (the exec provider) only where that
 * library cannot load. Merely offering the exec provider runs {@code test -t 1}, to probe it.</li>
 * <li>The terminal's capabilities from the descriptions JLine carries for the common types (xterm,
 * xterm-256color, screen, rxvt, ...), as JLine did before 3.30; for any other type JLine asks the system's
 * {@code infocmp}, as it does for all of them since.</li>
 * </ul>
 */
final class SystemTerminal {

    private SystemTerminal() {
    }

    static Terminal open() throws IOException {
        String type = System.getenv("TERM");
        if (type != null && InfoCmp.getLoadedInfoCmp(type) == null) {
            String carried = InfoCmp.getDefaultInfoCmp(type);
            if (carried != null) {
                InfoCmp.setLoadedInfoCmp(type, carried);
            }
        }
        try {
            return builder("jni").dumb(false).build();
        } catch (IllegalStateException e) {
            return builder("exec").build();
        }
    }

    /** Only this provider is loaded and probed (providers(...) would only order all of them). */
    private static TerminalBuilder builder(String provider) {
        return TerminalBuilder.builder().system(true).provider(provider).signalHandler(Terminal.SignalHandler.SIG_IGN);
    }
}
