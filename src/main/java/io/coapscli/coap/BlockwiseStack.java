package io.coapscli.coap;

import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.core.network.stack.CongestionControlLayer;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's UDP stack with the block-wise layer swapped for a {@link TracedBlockwiseLayer}; every other
 * layer as Californium builds it. One factory builds the stack of one endpoint and keeps its layer.
 */
public final class BlockwiseStack implements ExtendedCoapStackFactory {

    private volatile TracedBlockwiseLayer blocks;

    /** The endpoint's block-wise layer, once the endpoint was built. */
    public TracedBlockwiseLayer blocks() {
        return blocks;
    }

    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config,
            EndpointContextMatcher matchingStrategy, Outbox outbox, Object customStackArgument) {
        blocks = new TracedBlockwiseLayer(tag, config, matchingStrategy);
        return new Stack(outbox, new Layer[] { new ExchangeCleanupLayer(config), new ObserveLayer(config), blocks,
                CongestionControlLayer.newImplementation(tag, config) });
    }

    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox,
            Object customStackArgument) {
        return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
    }

    private static final class Stack extends BaseCoapStack {
        Stack(Outbox outbox, Layer[] layers) {
            super(outbox);
            setLayers(layers);
        }
    }
}
