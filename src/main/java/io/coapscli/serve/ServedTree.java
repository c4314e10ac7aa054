package io.coapscli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;

/**
 * The resource tree Californium's deliverer walks: the root, and one {@link PathResource} for each path a
 * request names. Nodes for files, folders and rule paths are kept (observers attach to them, and a file
 * change notifies them); a node for a path that names nothing is made for the one request and dropped,
 * so scanning random paths keeps nothing. Every request runs on the server's one thread.
 */
final class ServedTree extends CoapResource {

    private final ServedDirectory directory;
    private final FileRequests requests;
    private final Executor executor;
    private final Map<String, PathResource> kept = new ConcurrentHashMap<>();
    private final CoapResource wellKnown;

    ServedTree(ServedDirectory directory, FileRequests requests, Executor executor) {
        super("");
        this.directory = directory;
        this.requests = requests;
        this.executor = executor;
        this.wellKnown = new CoapResource(".well-known");
        wellKnown.setParent(this);
        CoapResource core = new CoapResource("core") {
            @Override
            public void handleRequest(Exchange exchange) {
                requests.discovery(exchange);
            }
        };
        wellKnown.add(core);
        setObservable(true);
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }

    @Override
    public void handleRequest(Exchange exchange) {
        requests.handle(List.of(), exchange);
    }

    @Override
    public Resource getChild(String name) {
        return name.equals(".well-known") ? wellKnown : node(List.of(name));
    }

    /** The node for the path: the kept one, or a new one, kept when the path names something. */
    PathResource node(List<String> segments) {
        String key = String.join("/", segments);
        PathResource node = kept.get(key);
        if (node != null) {
            return node;
        }
        return requests.namesSomething(segments) ? keep(segments) : new PathResource(this, segments);
    }

    /** The kept node for the path, made now if there is none yet. */
    private PathResource keep(List<String> segments) {
        return kept.computeIfAbsent(String.join("/", segments), key -> new PathResource(this, segments));
    }

    /** A file or folder changed on disk: its node and its folders' nodes notify their observers. */
    void changed(Path path) {
        List<String> segments = new ArrayList<>(directory.segmentsOf(path));
        while (true) {
            PathResource node = kept.get(String.join("/", segments));
            if (node != null) {
                node.changed();
            }
            if (segments.isEmpty()) {
                changed(); // the root's own listing
                return;
            }
            segments.remove(segments.size() - 1);
        }
    }

    /** The node of a rule path (periodic notifications), kept from the start. */
    PathResource ruleNode(String path) {
        return keep(path.isEmpty() ? List.of() : List.of(path.split("/")));
    }

    /** A node for one path; it asks {@link FileRequests} for every answer. */
    static final class PathResource extends CoapResource {
        private final ServedTree tree;
        private final List<String> segments;

        PathResource(ServedTree tree, List<String> segments) {
            super(segments.isEmpty() ? "" : segments.get(segments.size() - 1));
            this.tree = tree;
            this.segments = List.copyOf(segments);
            setParent(tree);
            setPath("/" + String.join("/", segments.subList(0, Math.max(0, segments.size() - 1)))
                    + (segments.size() > 1 ? "/" : ""));
            setObservable(true);
        }

        @Override
        public Resource getChild(String name) {
            List<String> child = new ArrayList<>(segments);
            child.add(name);
            return tree.node(child);
        }

        @Override
        public Executor getExecutor() {
            return tree.executor;
        }

        @Override
        public void handleRequest(Exchange exchange) {
            tree.requests.handle(segments, exchange);
        }
    }
}
