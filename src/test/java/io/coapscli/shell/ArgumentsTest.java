package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void spacesSeparateArguments() throws Exception {
        assertEquals(List.of("coaps", "psk", "key", "id"), Arguments.split("  coaps psk  key id "));
    }

    @Test
    void doubleQuotesKeepSpacesAndMayBeEmpty() throws Exception {
        assertEquals(List.of("set", "hello world", ""), Arguments.split("set \"hello world\" \"\""));
        assertEquals(List.of("ab cd"), Arguments.split("a\"b c\"d"));
    }

    @Test
    void backslashTakesTheNextCharacterLiterally() throws Exception {
        assertEquals(List.of("a b", "\"", "\\"), Arguments.split("a\\ b \\\" \\\\"));
    }

    @Test
    void unclosedQuoteAndTrailingBackslashAreRefused() {
        assertThrows(Arguments.MalformedLineException.class, () -> Arguments.split("set \"open"));
        assertThrows(Arguments.MalformedLineException.class, () -> Arguments.split("set end\\"));
    }
}
