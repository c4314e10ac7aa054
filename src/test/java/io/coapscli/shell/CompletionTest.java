package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;

/** Tab completion of commands and subcommands, and where history is kept. */
class CompletionTest {

    private final Terminal terminal;
    private final LineReader reader;
    private final CoapsAgent agent = new CoapsAgent(AgentSettings.defaults(), event -> { });
    private final Completer completer;

    CompletionTest() throws Exception {
        terminal = TerminalBuilder.builder().dumb(true)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        reader = LineReaderBuilder.builder().terminal(terminal).build();
        Shell shell = new Shell(agent, new CoapAgent(AgentSettings.defaults(), event -> { }),
                new TextPresenter(new StreamOutput(System.out), () -> false), new AtomicBoolean());
        completer = TerminalShell.completer(shell);
    }

    @AfterEach
    void close() throws Exception {
        agent.close();
        terminal.close();
    }

    private List<String> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, parsed, candidates);
        return candidates.stream().map(Candidate::value).filter(value -> value.startsWith(parsed.word()))
                .distinct().sorted().toList();
    }

    @Test
    void topLevelCommandsComplete() {
        assertEquals(List.of("coap", "coaps"), complete("co"));
        assertEquals(List.of("verbose"), complete("ve"));
        assertEquals(List.of("coap", "coaps", "exit", "help", "verbose", "wait"), complete(""));
    }

    @Test
    void coapsSubcommandsComplete() {
        assertEquals(List.of("start", "stop"), complete("coaps st"));
        assertEquals(List.of("isclosed", "isconnactive", "isconnected"), complete("coaps is"));
        assertEquals(List.of("connect"), complete("coaps help con"));
        assertEquals(List.of("parameters", "post", "put"), complete("coap p"));
        assertEquals(List.of("start", "stop"), complete("coap help st"));
    }

    @Test
    void subcommandsAreOfferedAtTheSecondWordOnly() {
        assertEquals(List.of(), complete("coaps get "));
        assertEquals(List.of(), complete("coaps connect ::1 "));
        assertEquals(List.of(), complete("coaps help get "));
        assertEquals(List.of(), complete("exit "));
    }

    @Test
    void eachArgumentCompletesToWhatItTakes(@TempDir Path dir) throws Exception {
        assertEquals(List.of("block-1024", "block-128", "block-16", "block-256", "block-32", "block-512", "block-64",
                "con", "non-con"), complete("coaps get test/resource "));
        assertEquals(List.of("block-1024", "block-128", "block-16"), complete("coap put ::1 r block-1"));
        assertEquals(List.of("con", "non-con"), complete("coap delete ::1 r "));
        assertEquals(List.of("request", "response"), complete("coap parameters re"));
        assertEquals(List.of("con"), complete("coaps observe r c"));
        assertEquals(List.of("off", "on"), complete("verbose "));
        assertEquals(List.of("false", "true"), complete("coaps start "));
        assertEquals(List.of("coap", "coaps", "exit", "help", "verbose", "wait"), complete("help "));
        assertEquals(List.of("get"), complete("help coaps ge"));
        java.nio.file.Files.writeString(dir.resolve("device.crt"), "");
        java.nio.file.Files.writeString(dir.resolve("device.key"), "");
        String prefix = dir + "/device.";
        assertEquals(List.of(prefix + "crt", prefix + "key"), complete("coaps x509 " + prefix));
        assertEquals(List.of(prefix + "key"), complete("coaps x509 " + prefix + "crt " + prefix + "k"));
        assertEquals(List.of(prefix + "crt", prefix + "key"), complete("coaps rpk " + prefix));
    }

    @Test
    void historyIsKeptInTheUsersHome() {
        assertEquals(Path.of(System.getProperty("user.home"), ".coaps-cli_history"), TerminalShell.historyFile());
    }
}
