package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;

import io.coapscli.coap.CoapConfigs;

/**
 * The agent's one resource, as in OpenThread's CLI: a path and a content. GET reads the content, PUT and
 * POST replace it, DELETE empties it; a GET with Observe registers or cancels an observer, and every
 * change notifies the observers ({@link ObservedContent}). {@code /.well-known/core} lists the resource
 * ({@link ResourceTree}). Any other path is answered 4.04 and reported to nobody; what RFC 7252 asks of a
 * server beyond that is in {@link RequestRules}.
 * Californium has already done deduplication and acknowledgement when a request arrives here.
 */
final class AgentResource extends ServerMessageDeliverer {

    /**
     * Californium's MAX_MESSAGE_SIZE (1024, not changed here): its block-wise layer sends a larger response,
     * or one to a request with Block2, as blocks; anything else goes out as it is.
     */
    private static final int UNCUT_RESPONSE_BYTES = 1024;

    /** A new coaps agent's content: OpenThread's "helloWorld" with its terminating zero byte. */
    static final byte[] DEFAULT_CONTENT = "helloWorld\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * Where OpenThread's two agents differ as servers.
     *
     * @param initialContent the content before any {@code set}
     * @param answersNonChanges whether a non-confirmable PUT, POST or DELETE gets a (non-confirmable)
     *            response: OpenThread's coap agent sends one, its coaps agent none
     */
    record Rules(byte[] initialContent, boolean answersNonChanges) {
        /** OpenThread's coaps agent. */
        static final Rules SECURE = new Rules(DEFAULT_CONTENT, false);
        /** OpenThread's coap agent: content "0", and a response to every request. */
        static final Rules PLAIN = new Rules("0".getBytes(StandardCharsets.US_ASCII), true);
    }

    private final Consumer<AgentEvent> events;
    private final Function<InetSocketAddress, SessionInfo> sessions;
    private final ObservedContent observed;
    private final ResourceTree tree;
    private UriPath path = UriPath.parse("");
    private byte[] content;
    private final Rules rules;
    /** OpenThread's one block count, shared by the resource's random blocks and our block-wise uploads. */
    private int blockCount = Blocks.DEFAULT_COUNT;
    /** Whether a GET with Block2 gets random blocks (OpenThread's block-wise resource) instead of the content. */
    private boolean randomBlocks;
    /** The last block of each peer's block-wise upload, which OpenThread's request line shows. */
    private final Map<InetSocketAddress, byte[]> lastBlocks = new ConcurrentHashMap<>();

    AgentResource(Consumer<AgentEvent> events, Function<InetSocketAddress, SessionInfo> sessions, Rules rules) {
        // No root: requests never go through Californium's resource lookup, only its observe bookkeeping.
        super(null, CoapConfigs.forObservers());
        this.rules = rules;
        this.content = rules.initialContent().clone();
        this.events = events;
        this.sessions = sessions;
        this.observed = new ObservedContent(this::content, events);
        this.tree = new ResourceTree(observed);
    }

    synchronized UriPath path() {
        return path;
    }

    /** A new path ends every observation of the old one with a 4.04 (RFC 7641 section 3.2). */
    void setPath(UriPath path) {
        synchronized (this) {
            if (path.equals(this.path)) {
                return;
            }
            this.path = path;
            tree.place(path);
        }
        observed.endAll();
    }

    synchronized int blockCount() {
        return blockCount;
    }

    synchronized void setBlockCount(int count) {
        blockCount = count;
    }

    /** From now on a GET with Block2 gets the block count's random blocks of the size it asks for. */
    synchronized void serveRandomBlocks(int count) {
        blockCount = count;
        randomBlocks = true;
    }

    /** A block of an upload to us arrived (before Californium adds it to the rest): shown if it is for the resource. */
    void blockArrived(Request block) {
        synchronized (this) {
            if (path.isEmpty() || !path.matches(block.getOptions().getUriPath())) {
                return;
            }
        }
        BlockOption option = block.getOptions().getBlock1();
        byte[] payload = block.getPayload() == null ? new byte[0] : block.getPayload().clone();
        events.accept(new AgentEvent.BlockReceived(Blocks.number(option.getOffset(), payload.length, option.getNum()),
                payload));
        if (!option.isM()) {
            lastBlocks.put(block.getSourceContext().getPeerAddress(), payload);
        }
    }

    synchronized byte[] content() {
        return content.clone();
    }

    /** Replaces the content and notifies every observer; returns whom. */
    List<InetSocketAddress> setContent(byte[] content) {
        synchronized (this) {
            this.content = content.clone();
        }
        return observed.notifyObservers();
    }

    /** The transmission parameters of confirmable notifications from now on; null for the agent's. */
    void useTransmission(TransmissionParameters parameters) {
        observed.useTransmission(parameters);
    }

    /** The peer's session ended: it observes nothing any more. */
    void forgetObserver(InetSocketAddress peer) {
        observed.forget(peer);
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        deliver(exchange);
        return true;
    }

    private void deliver(Exchange exchange) {
        Request request = exchange.getRequest();
        if (refusedBeforeAnyResource(exchange, request)) {
            return;
        }
        InetSocketAddress peer = request.getSourceContext().getPeerAddress();
        // A GET larger than one message is fetched block by block (RFC 7959); Californium slices each
        // answer, and only the first block counts as the request a user made.
        boolean laterBlock = request.getOptions().hasBlock2() && request.getOptions().getBlock2().getNum() > 0;
        ResponseCode refusal = RequestRules.precondition(request);
        if (refusal == null) {
            refusal = RequestRules.accept(request);
        }
        Response response;
        boolean randomBlock = false;
        boolean changes = refusal == null
                && (request.getCode() == Code.PUT || request.getCode() == Code.POST || request.getCode() == Code.DELETE);
        synchronized (this) {
            if (path.isEmpty() || !path.matches(request.getOptions().getUriPath())) {
                if (ResourceTree.isDiscovery(request.getOptions().getUriPath())) {
                    tree.discover(exchange);
                } else {
                    exchange.sendResponse(new Response(ResponseCode.NOT_FOUND));
                }
                return;
            }
            if (!laterBlock) {
                String method = request.getCode().name();
                CoapMessage message = CoapMessage.of(request, method);
                byte[] lastBlock = lastBlocks.remove(peer);
                events.accept(new AgentEvent.RequestReceived(peer, method,
                        lastBlock == null ? message : message.withPayload(lastBlock), sessions.apply(peer)));
            }
            if (refusal == null && randomBlocks && request.getCode() == Code.GET && request.getOptions().hasBlock2()) {
                response = randomBlock(request.getOptions().getBlock2());
                randomBlock = true;
            } else {
                response = refusal != null ? new Response(refusal) : handle(request);
            }
            if (refusal == null && request.getCode() == Code.GET && !laterBlock) {
                // Observe=0 registers (the relation is made when this response goes out), Observe=1 cancels.
                checkForObserveOption(exchange, observed);
            }
        }
        if (changes && request.getType() == Type.NON && !rules.answersNonChanges()) {
            // OpenThread answers a non-confirmable PUT, POST or DELETE with nothing.
            exchange.setComplete();
            notifyObserversOfPeerChange();
            return;
        }
        // The line is queued before the response is handed on, so that it comes before the line of the request
        // the peer sends once it has this response (from the sender's callback it could come after it, under
        // load), as OpenThread prints it when its send returns: for a response that goes out whole, and for
        // each random block (the client asks for the next block as soon as this one arrives). A registration
        // or cancellation keeps the callback ("Subscribing client" comes as the response goes out, and
        // OpenThread prints it first), and so does a response Californium cuts into blocks.
        boolean printedNow = randomBlock || !request.getOptions().hasBlock2() && !request.getOptions().hasObserve()
                && response.getPayloadSize() <= UNCUT_RESPONSE_BYTES;
        if (printedNow) {
            if (!laterBlock) {
                if (response.getType() == null) {
                    response.setType(request.isConfirmable() ? Type.ACK : Type.NON); // piggybacked, as Californium does
                }
                events.accept(new AgentEvent.ResponseSent(peer, CoapMessage.of(response, response.getCode().text)));
            }
        } else {
            response.addMessageObserver(new MessageObserverAdapter() {
                /** Californium hands this observer on to the blocks it cuts from the response: report once. */
                private final AtomicBoolean reported = new AtomicBoolean(laterBlock);

                @Override
                public void onSent(boolean retransmission) {
                    if (!retransmission && reported.compareAndSet(false, true)) {
                        // What went out: Californium may have sent a first block of this response instead.
                        Response sent = exchange.getCurrentResponse() == null ? response
                                : exchange.getCurrentResponse();
                        events.accept(new AgentEvent.ResponseSent(peer, CoapMessage.of(sent, sent.getCode().text)));
                    }
                }
            });
        }
        exchange.sendResponse(response);
        if (changes) {
            notifyObserversOfPeerChange();
        }
    }

    private void notifyObserversOfPeerChange() {
        for (InetSocketAddress observer : observed.notifyObservers()) {
            events.accept(new AgentEvent.NotifyingObserver(observer));
        }
    }

    /**
     * Requests no server of ours could perform, answered without a line, like a 4.04: a proxy request
     * (5.05), and a critical option we do not process, answered 4.02 if confirmable and rejected with a
     * Reset if not (RFC 7252 section 5.4.1).
     */
    private static boolean refusedBeforeAnyResource(Exchange exchange, Request request) {
        ResponseCode proxying = RequestRules.proxying(request);
        if (proxying != null) {
            exchange.sendResponse(new Response(proxying));
            return true;
        }
        Integer critical = RequestRules.unprocessedCriticalOption(request);
        if (critical == null) {
            return false;
        }
        if (request.isConfirmable()) {
            Response badOption = new Response(ResponseCode.BAD_OPTION);
            badOption.setPayload("critical option " + critical + " not supported");
            exchange.sendResponse(badOption);
        } else {
            exchange.sendReject();
        }
        return true;
    }

    /**
     * Block {@code num} of the block count's random blocks, of the size asked for, as OpenThread's transmit
     * hook makes them: each block's bytes are new, and shown as they go.
     */
    private Response randomBlock(BlockOption asked) {
        int szx = Math.min(asked.getSzx(), 6);
        if (asked.getNum() >= blockCount) {
            return new Response(ResponseCode.BAD_OPTION);
        }
        byte[] block = Blocks.random(Blocks.size(szx));
        Response response = new Response(ResponseCode.CONTENT);
        response.setPayload(block);
        response.getOptions().setBlock2(szx, asked.getNum() < blockCount - 1, asked.getNum());
        events.accept(new AgentEvent.BlockSent(asked.getNum(), block));
        return response;
    }

    private Response handle(Request request) {
        switch (request.getCode()) {
            case GET: {
                Response response = new Response(ResponseCode.CONTENT);
                response.setPayload(content.clone());
                return response;
            }
            case PUT:
            case POST:
                content = request.getPayload().clone();
                return new Response(ResponseCode.CHANGED);
            case DELETE:
                content = new byte[0];
                return new Response(ResponseCode.DELETED);
            default:
                return new Response(ResponseCode.METHOD_NOT_ALLOWED);
        }
    }
}
