package io.coapscli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The shell's options read without picocli are the options picocli reads, or left to it. */
class ShellArgumentsTest {

    private static Options byPicocli(String... argv) throws Exception {
        CoapsCliCommand command = new CoapsCliCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(argv);
        return command.options();
    }

    @Test
    void everyShellOptionReadsAsPicocliReadsIt() throws Exception {
        for (List<String> argv : List.of(List.<String>of(), List.of("--port", "0"), List.of("--port=5685", "--json"),
                List.of("--bind", "::1", "--coap-port", "0", "--verbose", "--reconnect"),
                List.of("-c", "coaps start", "--command", "coaps isclosed", "--script", "-", "-c", "exit"),
                List.of("--dtls-timeout", "100", "--ack-timeout=200", "--idle-timeout", "0", "--cid", "4"),
                List.of("--keylog", "/tmp/keys.log", "--log-level", "debug", "--log-file", "/tmp/log.txt"),
                List.of("--port", "1", "--port", "2"))) {
            String[] args = argv.toArray(new String[0]);
            assertEquals(byPicocli(args), ShellArguments.parse(args), argv.toString());
        }
    }

    @Test
    void whatPicocliMustSayIsLeftToIt() {
        for (List<String> argv : List.of(List.of("--help"), List.of("--version"), List.of("get", "coaps://x/r"),
                List.of("--prot", "5685"), List.of("--port"), List.of("--port", "99999"), List.of("--json=yes"),
                List.of("bench"), List.of("-c=coaps start"), List.of("--cid", "17"))) {
            assertNull(ShellArguments.parse(argv.toArray(new String[0])), argv.toString());
        }
    }
}
