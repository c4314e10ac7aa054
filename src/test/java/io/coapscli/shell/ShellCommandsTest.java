package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coapscli.testing.Loopback;
import io.coapscli.testing.TestNode;

/** Every subcommand's argument handling, with the exact lines, against a real agent on a free port. */
class ShellCommandsTest {

    private static final String[] SUBCOMMANDS = {"connect", "delete", "disconnect", "get", "isclosed",
        "isconnactive", "isconnected", "post", "psk", "put", "resource", "set", "start", "stop", "x509",
        // extensions, appended as the spec allows
        "cancel", "observe", "rpk"};

    private final TestNode node = TestNode.on(Loopback.IPV4);

    @AfterEach
    void close() {
        node.close();
    }

    private static String[] listThen(String result) {
        List<String> lines = new ArrayList<>(List.of(SUBCOMMANDS));
        lines.add(result);
        return lines.toArray(new String[0]);
    }

    @Test
    void theSpecsErrorCasesAnswerExactly() {
        node.expectRun("coaps", listThen("Error 7: InvalidArgs"));
        node.expectRun("coaps get", "Error 7: InvalidArgs");
        node.expectRun("coaps get x", "Error 13: InvalidState");
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps start", "Error 24: Already");
        node.expectRun("coaps start something_invalid", "Error 7: InvalidArgs");
        node.expectRun("coaps frobnicate", "Error 35: InvalidCommand");
        node.expectRun("coaps get x", "Error 13: InvalidState");
        node.expectRun("coaps connect not-an-address", "Error 6: Parse");
        node.expectRun("coaps isclosed extra", "Error 7: InvalidArgs");
    }

    @Test
    void helpListsTheSubcommandsInOrder() {
        node.expectRun("coaps help", listThen("Done"));
        node.expectRun("help", "coap", "coaps", "exit", "help", "verbose", "wait", "Done");
    }

    @Test
    void helpShowsUsageWithAnExampleForEachCommand() {
        for (String subcommand : SUBCOMMANDS) {
            List<String> lines = node.run("coaps help " + subcommand);
            assertEquals("Done", lines.get(lines.size() - 1), lines.toString());
            assertEquals(true, lines.get(0).startsWith("coaps " + subcommand), lines.toString());
            assertEquals(true, lines.stream().anyMatch(line -> line.startsWith("example: coaps " + subcommand)),
                    lines.toString());
        }
        node.expectRun("help wait", "wait [seconds]",
                "Keeps the agent serving until SIGINT or SIGTERM, or for the given time.", "example: wait", "Done");
        node.expectRun("coaps help frobnicate", "Error 7: InvalidArgs");
        node.expectRun("help frobnicate", "Error 7: InvalidArgs");
    }

    @Test
    void verboseTurnsOnAndOff() {
        node.expectRun("verbose", "off", "Done");
        node.expectRun("verbose on", "Done");
        node.expectRun("verbose", "on", "Done");
        node.expectRun("verbose off", "Done");
        node.expectRun("verbose loud", "Error 7: InvalidArgs");
        node.expectRun("wait x", "Error 7: InvalidArgs");
        node.expectRun("wait 0", "Done");
    }

    @Test
    void commentLinesDoNothing() {
        node.expectRun("# coaps start", new String[0]);
        node.expectRun("  # an \"unclosed quote and a trailing backslash \\", new String[0]);
        node.expectRun("  #", new String[0]);
        node.expectRun("coaps isclosed", "yes", "Done");
    }

    @Test
    void unknownTopLevelCommandIsInvalidCommand() {
        node.expectRun("frobnicate", "Error 35: InvalidCommand");
        node.expectRun("", new String[0]);
        node.expectRun("   ", new String[0]);
    }

    @ParameterizedTest(name = "coaps start {0} -> {1}")
    @CsvSource({"true,Done", "false,Done", "0,Done", "65535,Done", "65536,Error 7: InvalidArgs",
        "-1,Error 7: InvalidArgs", "1x,Error 7: InvalidArgs", "'true false',Error 7: InvalidArgs"})
    void startTakesTrueFalseOrAnAttemptCount(String argument, String result) {
        node.expectRun("coaps start " + argument, result);
    }

    @Test
    void stateQueriesFollowTheAgent() {
        node.expectRun("coaps isclosed", "yes", "Done");
        node.expectRun("coaps isconnactive", "no", "Done");
        node.expectRun("coaps isconnected", "no", "Done");
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps isclosed", "no", "Done");
        node.expectRun("coaps isconnactive extra", "Error 7: InvalidArgs");
        node.expectRun("coaps isconnected extra", "Error 7: InvalidArgs");
        node.expectRun("coaps stop", "Done");
        node.expectRun("coaps stop", "Done");
        node.expectRun("coaps isclosed", "yes", "Done");
    }

    @Test
    void pskNeedsKeyAndIdentityAndTakesAHexKeyWithDashX() {
        node.expectRun("coaps psk", "Error 7: InvalidArgs");
        node.expectRun("coaps psk onlykey", "Error 7: InvalidArgs");
        node.expectRun("coaps psk a b c", "Error 7: InvalidArgs");
        node.expectRun("coaps psk secretPSK Client_identity", "Done");
        node.expectRun("coaps psk -x 736563726574 Client_identity", "Done");
        node.expectRun("coaps psk -x 7g Client_identity", "the key is not an even number of hex digits",
                "Error 7: InvalidArgs");
        node.expectRun("coaps psk -x Client_identity", "Done"); // two arguments: the key is "-x"
        node.expectRun("coaps psk \"\" Client_identity", "the PSK and its identity must not be empty",
                "Error 7: InvalidArgs");
    }

    @Test
    void aFailedCommandKeepsWhatTheUserSet() {
        node.expectRun("coaps resource kept", "Done");
        node.expectRun("coaps set kept-content", "Done");
        node.expectRun("coaps psk -x zz id", "the key is not an even number of hex digits", "Error 7: InvalidArgs");
        node.expectRun("coaps x509 /nonexistent/cert.pem /nonexistent/key.pem",
                "cannot read /nonexistent/cert.pem: no such file", "Error 7: InvalidArgs");
        // The documented limit, as a literal: 131,072 characters a line.
        node.expectRun("coaps set " + "y".repeat(131072), "the line is longer than 131072 characters",
                "Error 7: InvalidArgs");
        node.expectRun("coaps resource", "kept", "Done");
        node.expectRun("coaps set", "kept-content", "Done");
    }

    @Test
    void whatNoCheckForesawIsErrorOneWithItsReasonAndTheShellGoesOn() {
        // Settings the command line refuses (MAX_RETRANSMIT 0), given straight to the agent: Californium's
        // own check throws inside `coap start`, which no handler expects.
        try (io.coapscli.testing.TestNode odd = io.coapscli.testing.TestNode.on(io.coapscli.testing.Loopback.IPV4,
                io.coapscli.agent.AgentSettings.defaults().withCoapTiming(java.time.Duration.ofSeconds(2), 1.5, 0))) {
            List<String> output = odd.run("coap start");
            assertEquals(2, output.size(), output.toString());
            assertTrue(output.get(0).startsWith("unexpected failure: "), output.toString());
            assertEquals("Error 1: Failed", output.get(1));
            odd.expectRun("coap resource kept", "Done");
            odd.expectRun("coap resource", "kept", "Done");
        }
    }

    @Test
    void aFileNameTheSystemCannotTakeIsABadArgument() {
        node.expectRun("coaps x509 a\u0000b c", "not a file name: Nul character not allowed", "Error 7: InvalidArgs");
        node.expectRun("coaps rpk a\u0000b", "not a file name: Nul character not allowed", "Error 7: InvalidArgs");
    }

    @Test
    void x509TakesNothingOrFiles() {
        node.expectRun("coaps x509", "Done");
        node.expectRun("coaps x509 only-one-file", "Error 7: InvalidArgs");
        node.expectRun("coaps x509 a b c d", "Error 7: InvalidArgs");
    }

    @Test
    void connectChecksItsArgumentsAndState() throws Exception {
        node.expectRun("coaps connect", "Error 7: InvalidArgs");
        node.expectRun("coaps connect ::1", "Error 13: InvalidState");
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps connect ::1", "Error 13: InvalidState"); // no credentials yet
        node.expectRun("coaps psk secretPSK Client_identity", "Done");
        node.expectRun("coaps connect ::1 0", "Error 7: InvalidArgs");
        node.expectRun("coaps connect ::1 65536", "Error 7: InvalidArgs");
        node.expectRun("coaps connect ::1 port", "Error 7: InvalidArgs");
        node.expectRun("coaps connect ::1 5684 extra", "Error 7: InvalidArgs");
        node.expectRun("coaps connect 127.0.0.256", "Error 6: Parse");
        node.expectRun("coaps connect no-such-host.invalid", "Error 6: Parse");
        // Refused before anything is sent.
        node.expectRun("coaps connect ff02::1", "a multicast address cannot have a DTLS session: ff02::1",
                "Error 7: InvalidArgs");
        node.expectRun("coaps connect 224.0.1.187", "a multicast address cannot have a DTLS session: 224.0.1.187",
                "Error 7: InvalidArgs");
        node.expectRun("coaps connect ::", "the unspecified address is no peer: ::", "Error 7: InvalidArgs");
        node.expectRun("coaps isconnactive", "no", "Done");
        // A peer that never answers keeps the first handshake opening while the second connect is refused.
        // (Connecting to the node itself raced: that handshake can fail before the second command.)
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0))) {
            node.expectRun("coaps connect 127.0.0.1 " + silent.getLocalPort(), "Done");
            node.expectRun("coaps connect 127.0.0.1 " + silent.getLocalPort(), "Error 13: InvalidState");
        }
    }

    @Test
    void verboseModeSaysWhyAnOpenThreadErrorHappenedAndPlainModeKeepsOpenThreadsLines() throws Exception {
        node.expectRun("coaps get r", "Error 13: InvalidState");
        node.expectRun("verbose on", "Done");
        node.expectRun("coaps get r", "not started (coaps start first)", "Error 13: InvalidState");
        node.expectRun("coaps cancel", "not started (coaps start first)", "Error 13: InvalidState");
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps connect ::1", "no credentials: set them first (coaps psk, coaps x509 or coaps rpk)",
                "Error 13: InvalidState");
        node.expectRun("coaps psk secretPSK Client_identity", "Done");
        node.expectRun("coaps get r", "not connected (coaps connect first)", "Error 13: InvalidState");
        node.expectRun("coaps cancel", "nothing is observed", "Error 13: InvalidState");
        node.expectRun("coaps connect ::1 0", "a port is 1 to 65535, not 0", "Error 7: InvalidArgs");
        node.expectRun("coaps connect localhost.invalid", "unknown host localhost.invalid", "Error 6: Parse");
        node.expectRun("coaps connect 127.0.0.256", "not an IPv4 or IPv6 address: 127.0.0.256", "Error 6: Parse");
        node.expectRun("coaps gte r", "unknown command coaps gte; did you mean coaps get?", "Error 35: InvalidCommand");
        node.expectRun("coapss start", "unknown command coapss; did you mean coaps or coap?", "Error 35: InvalidCommand");
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(Loopback.IPV4, 0))) {
            node.expectRun("coaps connect 127.0.0.1 " + silent.getLocalPort(), "Done");
            node.expectRun("coaps get r", "still connecting to 127.0.0.1:" + silent.getLocalPort()
                    + " (wait for coaps connected)", "Error 13: InvalidState");
            node.expectRun("coaps connect ::1", "already connecting to 127.0.0.1:" + silent.getLocalPort()
                    + " (coaps disconnect first)", "Error 13: InvalidState");
        }
    }

    @Test
    void connectResolvesAHostNameAndTheOpenThreadLinesStayTheSame() throws Exception {
        try (TestNode server = TestNode.on(Loopback.IPV4)) {
            server.expectRun("coaps psk secretPSK Client_identity", "Done");
            server.expectRun("coaps start", "Done");
            node.expectRun("coaps psk secretPSK Client_identity", "Done");
            node.expectRun("coaps start", "Done");
            node.expectRun("coaps connect localhost " + server.port(), "Done");
            node.expectEvent("coaps connected");
            server.expectEvent("coaps connected");
        }
    }

    @Test
    void helpTakesASubcommandWithOrWithoutCoapsFirst() {
        List<String> usage = List.of("coaps get <uri-path> [con|non-con|block-<size>] [payload|block-count]",
                "Sends a GET on the open session; its response or error line follows. With block-16 ... "
                        + "block-1024 a confirmable GET fetches the resource block-wise, printing each block.",
                "example: coaps get test-resource block-64", "Done");
        assertEquals(usage, node.run("help get"));
        assertEquals(usage, node.run("help coaps get"));
        assertEquals(usage, node.run("coaps help get"));
        node.expectRun("help nothing", "Error 7: InvalidArgs");
    }

    @Test
    void resourceAndSetPrintOrReplace() {
        node.expectRun("coaps resource", "", "Done");
        node.expectRun("coaps set", "helloWorld", "Done");
        node.expectRun("coaps resource test/resource", "Done");
        node.expectRun("coaps resource", "test/resource", "Done");
        node.expectRun("coaps set \"hello there\"", "Done");
        node.expectRun("coaps set", "hello there", "Done");
    }

    @Test
    void requestsNeedAPathAndAnOpenSession() {
        for (String method : List.of("get", "put", "post", "delete")) {
            node.expectRun("coaps " + method, "Error 7: InvalidArgs");
            node.expectRun("coaps " + method + " test con payload", "Error 13: InvalidState");
        }
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps get test", "Error 13: InvalidState");
    }

    @Test
    void disconnectIsAlwaysDone() {
        node.expectRun("coaps disconnect", "Done");
        node.expectRun("coaps start", "Done");
        node.expectRun("coaps disconnect", "Done");
    }

    @Test
    void malformedQuotingIsInvalidArgsWithAReason() {
        node.expectRun("coaps set \"open", "a double quote is not closed", "Error 7: InvalidArgs");
        node.expectRun("coaps set trailing\\", "a backslash ends the line", "Error 7: InvalidArgs");
    }

    @Test
    void aPortInUseIsAnErrorAndTheAgentStaysClosed() throws Exception {
        node.expectRun("coaps start", "Done");
        try (TestNode second = TestNode.bound(TestNode.FAST.withBindAddress(Loopback.IPV4, node.port()))) {
            List<String> lines = second.run("coaps start");
            assertEquals(2, lines.size(), lines.toString());
            assertEquals("Error 1: Failed", lines.get(1));
            assertEquals(true, lines.get(0).startsWith("cannot bind UDP 127.0.0.1:" + node.port()), lines.get(0));
            second.expectRun("coaps isclosed", "yes", "Done");
        }
    }

    @Test
    void theCommandTableRefusesAnUnsortedOrder() {
        assertThrows(IllegalArgumentException.class, () -> new CommandTable(List.of(
                new Command("stop", args -> { }), new Command("start", args -> { }))));
    }
}
