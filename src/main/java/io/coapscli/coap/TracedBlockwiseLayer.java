package io.coapscli.coap;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's block-wise layer (RFC 7959), with two openings OpenThread's block-wise commands need:
 * <ul>
 * <li>every block of an upload it reassembles for the server is shown to a watcher before it is added, as
 * OpenThread's receive hook shows each block;</li>
 * <li>a request marked {@link #stepwise(Request)} is a single block sent by the agent itself, with a block
 * size of the user's choosing, which Californium's transparent transfer cannot do per request: its
 * response's Block1 or Block2 option is taken off before Californium could continue or discard the
 * transfer, and kept for the agent ({@link #takeBlockOption(Request)}), which sends the next block.</li>
 * </ul>
 * Everything else is Californium's own transparent transfer, unchanged.
 */
public final class TracedBlockwiseLayer extends BlockwiseLayer {

    private static final String STEPWISE = "coaps-cli.stepwise-block";

    private final Map<Request, BlockOption> taken = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile Consumer<Request> inboundBlocks = block -> { };

    TracedBlockwiseLayer(String tag, Configuration config, EndpointContextMatcher matcher) {
        super(tag, false, config, matcher);
    }

    /** Marks a request as one block of a transfer the agent runs block by block. */
    public static Request stepwise(Request request) {
        request.setUserContext(Map.of(STEPWISE, "true"));
        return request;
    }

    /** The block option the response to this stepwise request carried, once; null if it had none. */
    public BlockOption takeBlockOption(Request request) {
        return taken.remove(request);
    }

    /** Shows every inbound Block1 request (a block of an upload to us) to the watcher, before reassembly. */
    public void watchInboundBlocks(Consumer<Request> watcher) {
        inboundBlocks = watcher;
    }

    @Override
    public void receiveRequest(Exchange exchange, Request request) {
        if (request.getOptions().hasBlock1()) {
            inboundBlocks.accept(request);
        }
        super.receiveRequest(exchange, request);
    }

    @Override
    public void receiveResponse(Exchange exchange, Response response) {
        Request request = exchange.getRequest();
        Map<String, String> context = request.getUserContext();
        if (context != null && context.containsKey(STEPWISE)) {
            BlockOption block = request.getOptions().hasBlock1() ? response.getOptions().getBlock1()
                    : response.getOptions().getBlock2();
            if (block != null) {
                taken.put(request, block);
            }
            response.getOptions().removeBlock1();
            response.getOptions().removeBlock2();
        }
        super.receiveResponse(exchange, response);
    }
}
