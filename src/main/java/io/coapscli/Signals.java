package io.coapscli;

import io.coapscli.shell.ShellSession;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM outside a terminal: they end a running {@code wait}; otherwise they close every
 * session with close_notify and exit 0.
 */
final class Signals {

    private Signals() {
    }

    static void onInterruptOrTerminate(ShellSession session) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!session.shell().interruptWait()) {
                    session.close();
                    System.exit(0);
                }
            });
        }
    }
}
