package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class BoundedLinesTest {

    @Test
    void linesEndAtNewlinesAndCarriageReturnsAreDropped() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("one\r\ntwo\n\nlast"));
        assertEquals("one", lines.next());
        assertEquals("two", lines.next());
        assertEquals("", lines.next());
        assertEquals("last", lines.next());
        assertNull(lines.next());
    }

    @Test
    void anOverlongLineIsKeptOnlyToOneCharacterPastTheLimitAndTheNextLineIsIntact() throws IOException {
        String huge = "x".repeat(Shell.MAX_LINE_CHARS * 3);
        BoundedLines lines = new BoundedLines(new StringReader(huge + "\ncoaps isclosed\n"));
        assertEquals(Shell.MAX_LINE_CHARS + 1, lines.next().length());
        assertEquals("coaps isclosed", lines.next());
        assertNull(lines.next());
    }
}
