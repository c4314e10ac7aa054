package io.coapscli.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * How {@code serve} answers: from a path's rule in {@code .coaps.json} (code, payload, counter), from the
 * file or folder the path names, or with what RFC 7252 says for anything else; late or not at all when
 * a rule says so. Every answer is written to the request log.
 */
final class FileRequests {

    private final ServedDirectory directory;
    private final Supplier<ServerRules> rules;
    private final boolean writable;
    private final Duration ackTimeout;
    private final ScheduledExecutorService executor;
    private final RequestLog log;
    private final Random random;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    FileRequests(ServedDirectory directory, Supplier<ServerRules> rules, boolean writable, Duration ackTimeout,
            ScheduledExecutorService executor, RequestLog log, Random random) {
        this.directory = directory;
        this.rules = rules;
        this.writable = writable;
        this.ackTimeout = ackTimeout;
        this.executor = executor;
        this.log = log;
        this.random = random;
    }

    /** Whether the path is a file, a folder or a rule path (worth keeping a node for). */
    boolean namesSomething(List<String> segments) {
        if (rules.get().rule(String.join("/", segments)) != null) {
            return true;
        }
        try {
            Path path = directory.resolve(segments);
            return Files.exists(path);
        } catch (ServedDirectory.Refused e) {
            return false;
        }
    }

    /** Counts one period of a rule's periodic notifications. */
    void tick(String path) {
        counters.computeIfAbsent(path, key -> new AtomicLong()).incrementAndGet();
    }

    void handle(List<String> segments, Exchange exchange) {
        Request request = exchange.getRequest();
        ObserveRelation relation = exchange.getRelation();
        boolean notification = relation != null && relation.isEstablished();
        String key = String.join("/", segments);
        ServerRules.Rule rule = rules.get().rule(key);
        if (!notification && rule != null && rule.drop() != null && random.nextDouble() < rule.drop()) {
            log.record("request", request, null, null);
            return; // no acknowledgement either: the client retransmits into the same silence
        }
        Response response = answer(segments, key, rule, request);
        long delay = notification || rule == null || rule.delayMs() == null ? 0 : rule.delayMs();
        if (delay == 0) {
            respond(exchange, response, notification, null);
            return;
        }
        CoapExchange coap = new CoapExchange(exchange);
        if (delay > ackTimeout.toMillis() && request.isConfirmable()) {
            coap.accept(); // an empty ACK now, the response later as a separate confirmable message
        }
        executor.schedule(() -> respond(exchange, response, false, delay), delay, TimeUnit.MILLISECONDS);
    }

    private void respond(Exchange exchange, Response response, boolean notification, Long delay) {
        // Logged first: once the response is out, the client may close its session, and its
        // "disconnected" line must not come before the request that caused it.
        log.record(notification ? "notification" : "request", exchange.getRequest(), response, delay);
        new CoapExchange(exchange).respond(response);
    }

    private Response answer(List<String> segments, String key, ServerRules.Rule rule, Request request) {
        if (rule != null && rule.answers()) {
            return fromRule(key, rule, request);
        }
        try {
            Path path = directory.resolve(segments);
            Code method = request.getCode();
            if (method == Code.GET) {
                return get(path, request);
            }
            if (method != Code.PUT && method != Code.POST && method != Code.DELETE) {
                return error("4.05", "GET, PUT, POST and DELETE only");
            }
            if (!writable) {
                return error("4.05", "read-only: serve --writable accepts " + method);
            }
            if (method == Code.PUT) {
                boolean existed = Files.exists(path);
                directory.write(path, request.getPayload());
                return new Response(existed ? ResponseCode.CHANGED : ResponseCode.CREATED);
            }
            if (method == Code.POST) {
                int format = request.getOptions().hasContentFormat() ? request.getOptions().getContentFormat()
                        : MediaTypeRegistry.UNDEFINED;
                Path created = directory.create(path, format, request.getPayload());
                Response response = new Response(ResponseCode.CREATED);
                response.getOptions().setLocationPath(String.join("/", directory.segmentsOf(created)));
                return response;
            }
            directory.delete(path);
            return new Response(ResponseCode.DELETED);
        } catch (ServedDirectory.Refused e) {
            return error(e.code, e.getMessage());
        }
    }

    private Response get(Path path, Request request) throws ServedDirectory.Refused {
        byte[] body;
        int format;
        if (directory.isDirectory(path)) {
            body = listing(directory.files(path), false).getBytes(StandardCharsets.UTF_8);
            format = MediaTypeRegistry.APPLICATION_LINK_FORMAT;
        } else {
            body = directory.read(path);
            format = ContentFormats.ofName(path.getFileName().toString());
        }
        if (request.getOptions().hasAccept() && request.getOptions().getAccept() != format) {
            return error("4.06", "the representation is Content-Format " + format);
        }
        Response response = new Response(ResponseCode.CONTENT);
        response.setPayload(body);
        response.getOptions().setContentFormat(format);
        return response;
    }

    private Response fromRule(String key, ServerRules.Rule rule, Request request) {
        ResponseCode code = rule.code() == null ? (request.getCode() == Code.GET ? ResponseCode.CONTENT
                : ResponseCode.CHANGED) : ResponseCode.valueOf(codeValue(rule.code()));
        Response response = new Response(code);
        String payload = rule.payload() != null ? rule.payload() : rule.everyMs() != null ? "{count}" : null;
        if (payload != null) {
            long count = counters.computeIfAbsent(key, k -> new AtomicLong()).get();
            response.setPayload(payload.replace("{count}", Long.toString(count)));
            response.getOptions().setContentFormat(rule.contentFormat() != null ? rule.contentFormat()
                    : MediaTypeRegistry.TEXT_PLAIN);
        }
        return response;
    }

    private static int codeValue(String code) {
        return Integer.parseInt(code.substring(0, 1)) << 5 | Integer.parseInt(code.substring(2));
    }

    private static Response error(String code, String message) {
        Response response = new Response(ResponseCode.valueOf(codeValue(code)));
        response.setPayload(message);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        return response;
    }

    /** GET /.well-known/core: every file and rule path as RFC 6690 links, with ct= and obs. */
    void discovery(Exchange exchange) {
        Request request = exchange.getRequest();
        Response response;
        if (request.getCode() != Code.GET) {
            response = error("4.05", "GET only");
        } else if (request.getOptions().hasAccept()
                && request.getOptions().getAccept() != MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
            response = error("4.06", "the representation is Content-Format 40");
        } else {
            response = new Response(ResponseCode.CONTENT);
            response.setPayload(listing(directory.files(directory.root()), true));
            response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        }
        respond(exchange, response, false, null);
    }

    /** Links for the files (and, for discovery, the rule paths that answer by themselves), sorted by path. */
    private String listing(List<List<String>> files, boolean withRules) {
        Map<String, Integer> formats = new TreeMap<>();
        for (List<String> file : files) {
            formats.put(String.join("/", file), ContentFormats.ofName(file.get(file.size() - 1)));
        }
        if (withRules) {
            rules.get().paths().forEach((path, rule) -> {
                if (rule.answers()) {
                    formats.put(path, rule.contentFormat() != null ? rule.contentFormat()
                            : rule.payload() != null || rule.everyMs() != null ? MediaTypeRegistry.TEXT_PLAIN : null);
                }
            });
        }
        List<String> links = new ArrayList<>();
        formats.forEach((path, format) -> links.add("</" + path + ">" + (format == null ? "" : ";ct=" + format)
                + ";obs"));
        return String.join(",", links);
    }
}
