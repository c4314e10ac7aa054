package io.coapscli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The help texts kept in the jar are picocli's, for the command and every subcommand. */
class HelpTextsTest {

    @Test
    void theKeptTextsArePicocliRenderingsOfTheCommandLineAsItIsNow() {
        assertEquals(HelpTextsBuilder.render("--help"), HelpTexts.kept(new String[] {"--help"}));
        assertEquals(HelpTextsBuilder.render("--help"), HelpTexts.kept(new String[] {"-h"}));
        for (String subcommand : new String[] {"get", "put", "post", "delete", "observe", "bench"}) {
            assertEquals(HelpTextsBuilder.render(subcommand, "--help"), HelpTexts.kept(new String[] {subcommand, "--help"}),
                    subcommand);
        }
        assertTrue(HelpTexts.kept(new String[] {"--help"}).contains("--coap-port"));
    }

    @Test
    void aTextIsKeptForEverySubcommandTheCommandLineHas() {
        assertEquals(new java.util.TreeSet<>(CoapsCliCommand.SUBCOMMAND_NAMES), new java.util.TreeSet<>(HelpTexts.SUBCOMMANDS));
    }

    @Test
    void anyOtherCommandLineHasNoKeptText() {
        assertNull(HelpTexts.kept(new String[] {"--help", "--port", "1"}));
        assertNull(HelpTexts.kept(new String[] {"serven", "--help"}));
        assertNull(HelpTexts.kept(new String[] {"serve", "--help", "--psk"}));
        assertNull(HelpTexts.kept(new String[] {}));
    }
}
