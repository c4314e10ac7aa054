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

    /**
     * Whether a request's Uri-Path options name this path; empty segments do not count, as in
     * {@link #parse}. Compares in place: it runs for every request.
     */
    public boolean matches(List<String> requestSegments) {
        int next = 0;
        for (String segment : requestSegments) {
            if (segment.isEmpty()) {
                continue;
            }
            if (next == segments.size() || !segments.get(next).equals(segment)) {
                return false;
            }
            next++;
        }
        return next == segments.size();
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
