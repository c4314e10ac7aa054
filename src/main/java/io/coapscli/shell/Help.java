package io.coapscli.shell;

import java.util.List;
import java.util.Map;

/** Usage and an example for every command; docs/CLI.md has the full reference. */
final class Help {

    private static final Map<String, List<String>> COAPS = Map.ofEntries(
            Map.entry("cancel", List.of("coaps cancel",
                    "Ends the observation of `coaps observe` with a GET with Observe=1; its response line follows.",
                    "example: coaps cancel")),
            Map.entry("connect", List.of("coaps connect <address> [port]",
                    "Starts a DTLS handshake with the peer (default port 5684); `coaps connected` follows.",
                    "example: coaps connect ::1 5684")),
            Map.entry("delete", request("delete", "DELETE", "coaps delete test-resource con")),
            Map.entry("disconnect", List.of("coaps disconnect", "Closes every session with close_notify.",
                    "example: coaps disconnect")),
            Map.entry("get", List.of("coaps get <uri-path> [con|non-con|block-<size>] [payload|block-count]",
                    "Sends a GET on the open session; its response or error line follows. With block-16 ... "
                            + "block-1024 a confirmable GET fetches the resource block-wise, printing each block.",
                    "example: coaps get test-resource block-64")),
            Map.entry("isclosed", List.of("coaps isclosed", "Prints yes when the agent is not started.",
                    "example: coaps isclosed")),
            Map.entry("isconnactive", List.of("coaps isconnactive",
                    "Prints yes when a session is handshaking or established.", "example: coaps isconnactive")),
            Map.entry("isconnected", List.of("coaps isconnected",
                    "Prints yes when a session has completed its handshake.", "example: coaps isconnected")),
            Map.entry("observe", List.of("coaps observe <uri-path> [con|non-con]",
                    "Observes the resource (RFC 7641): a line with OBS=<n> for the response and each notification.",
                    "example: coaps observe test/resource con")),
            Map.entry("post", upload("post", "POST", "coaps post test-resource con hello")),
            Map.entry("psk", List.of("coaps psk <psk> <identity>   or   coaps psk -x <hex-psk> <identity>",
                    "Uses TLS_PSK_WITH_AES_128_CCM_8 with this key and identity for the following sessions.",
                    "example: coaps psk secretPSK Client_identity")),
            Map.entry("put", upload("put", "PUT", "coaps put test-resource con hellothere")),
            Map.entry("resource", List.of("coaps resource [uri-path [block-count]]",
                    "Sets the path of the served resource; without argument prints it. With a block count, a GET "
                            + "asking for blocks (Block2) gets that many blocks of random bytes.",
                    "example: coaps resource test/resource 3")),
            Map.entry("set", List.of("coaps set [content]",
                    "Sets the resource content and notifies its observers; without argument prints it.",
                    "example: coaps set Testing123")),
            Map.entry("start", List.of("coaps start [true|false|<max-conn-attempts>]",
                    "Binds the UDP socket and accepts sessions; false: peer certificates are not verified.",
                    "example: coaps start")),
            Map.entry("stop", List.of("coaps stop", "Closes every session and the socket.", "example: coaps stop")),
            Map.entry("rpk", List.of("coaps rpk [<key.pem> [<trusted-keys.pem>]]",
                    "Uses TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with raw public keys (RFC 7250): the built-in pair, or"
                            + " this EC key; peers whose PUBLIC KEY is in the second file are trusted.",
                    "example: coaps rpk device.key peers.pub")),
            Map.entry("x509", List.of("coaps x509 [<cert.pem> <key.pem> [<ca.pem>]]",
                    "Uses TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with the built-in test credentials or these files.",
                    "example: coaps x509 device.crt device.key ca.crt")));

    /** The plain agent's subcommands: {@code help coap <subcommand>}. */
    private static final Map<String, List<String>> COAP = Map.ofEntries(
            Map.entry("cancel", List.of("coap cancel", "Ends the observation of `coap observe`.", "example: coap cancel")),
            Map.entry("delete", plain("delete", "DELETE", "coap delete ::1 test-resource con")),
            Map.entry("get", plain("get", "GET", "coap get [::1]:5683 test-resource block-64")),
            Map.entry("observe", List.of("coap observe <address> <uri-path> [con|non-con]",
                    "Observes the peer's resource (RFC 7641).", "example: coap observe ::1 test/resource con")),
            Map.entry("parameters", List.of("coap parameters request|response [default | <ack_timeout> <numerator> "
                    + "<denominator> <max_retransmit>]", "Prints, or sets first, the transmission parameters of "
                    + "requests or of confirmable responses.", "example: coap parameters request 3000 3 2 5")),
            Map.entry("post", plain("post", "POST", "coap post ::1 test-resource con hello")),
            Map.entry("put", plain("put", "PUT", "coap put ::1 test-resource block-32 2")),
            Map.entry("resource", List.of("coap resource [uri-path [block-count]]",
                    "Sets the path of the served resource; without argument prints it.",
                    "example: coap resource test/resource")),
            Map.entry("set", List.of("coap set [content]",
                    "Sets the resource content (at most 15 bytes, as OpenThread's) and notifies its observer.",
                    "example: coap set Testing123")),
            Map.entry("start", List.of("coap start", "Binds the plain CoAP socket (--coap-port, 5683).",
                    "example: coap start")),
            Map.entry("stop", List.of("coap stop", "Releases the plain CoAP socket; the resource stays.",
                    "example: coap stop")));

    private static final Map<String, List<String>> TOP_LEVEL = Map.of(
            "coap", List.of("coap <subcommand> [arguments]", "The plain CoAP agent; `coap help` lists subcommands.",
                    "example: help coap get"),
            "coaps", List.of("coaps <subcommand> [arguments]", "The Secure CoAP agent; `coaps help` lists subcommands.",
                    "example: coaps help get"),
            "exit", List.of("exit", "Closes every session with close_notify and leaves.", "example: exit"),
            "help", List.of("help [command]", "Lists the commands, or shows one command's usage.", "example: help wait"),
            "verbose", List.of("verbose [on|off]",
                    "Adds detail lines (codes, round trips, suites, failure reasons) below event lines.",
                    "example: verbose on"),
            "wait", List.of("wait [seconds]", "Keeps the agent serving until SIGINT or SIGTERM, or for the given time.",
                    "example: wait"));

    private Help() {
    }

    static List<String> coaps(String subcommand) {
        return COAPS.get(subcommand);
    }

    static List<String> coap(String subcommand) {
        return COAP.get(subcommand);
    }

    private static List<String> plain(String name, String method, String example) {
        return List.of("coap " + name + " <address> <uri-path> [con|non-con|block-<size>] [payload|block-count]",
                "Sends a " + method + " to the address (port 5683, or [v6]:port / v4:port); its response follows.",
                "example: " + example);
    }

    static List<String> topLevel(String command) {
        return TOP_LEVEL.get(command);
    }

    private static List<String> upload(String name, String method, String example) {
        return List.of("coaps " + name + " <uri-path> [con|non-con|block-<size>] [payload|block-count]",
                "Sends a " + method + " on the open session; its response or error line follows. With block-16 ... "
                        + "block-1024, sends block-count blocks of random bytes (default 3), printing each block.",
                "example: " + example);
    }

    private static List<String> request(String name, String method, String example) {
        return List.of("coaps " + name + " <uri-path> [con|non-con] [payload]",
                "Sends a " + method + " on the open session; its response or error line follows.",
                "example: " + example);
    }
}
