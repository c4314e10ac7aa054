package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class UriPathTest {

    @Test
    void aRequestMatchesWhenItsNonEmptySegmentsAreThePath() {
        UriPath path = UriPath.parse("/test//resource/");
        assertTrue(path.matches(List.of("test", "resource")));
        assertTrue(path.matches(List.of("", "test", "", "resource", "")));
        assertFalse(path.matches(List.of("test")));
        assertFalse(path.matches(List.of("test", "resource", "more")));
        assertFalse(path.matches(List.of("test", "Resource")));
        assertTrue(UriPath.parse("").matches(List.of()));
        assertFalse(UriPath.parse("r").matches(List.of()));
    }
}
