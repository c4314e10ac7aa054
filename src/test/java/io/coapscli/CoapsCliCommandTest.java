package io.coapscli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Which subcommand the command line builds in full. */
class CoapsCliCommandTest {

    private static boolean builtInFull(CommandLine line, String name) {
        return !line.getSubcommands().get(name).getCommandSpec().options().isEmpty();
    }

    @Test
    void theSubcommandNamedFirstIsBuiltInFullEvenWhenALaterArgumentIsAnotherSubcommandsName() {
        CommandLine line = CoapsCliCommand.commandLine(new String[] {"put", "coap://127.0.0.1/r", "bench"});
        assertTrue(builtInFull(line, "put"));
        CommandLine.ParseResult parsed = line.parseArgs("put", "coap://127.0.0.1/r", "bench");
        assertEquals("put", parsed.subcommand().commandSpec().name());
        // Both words are put's: its URI and its payload.
        assertEquals(2, parsed.subcommand().matchedPositionals().size());
    }
}
