package io.coapscli.agent;

import java.util.Arrays;
import java.util.List;

/** A CoAP Uri-Path as its segments; {@code a/b} and {@code /a/b/} are the same path. */
public record UriPath(List<String> segments) {

    public UriPath {
        segments = List.copyOf(segments);
    }

    public static UriPath parse(String path) {
        return new UriPath(Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList());
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
