package io.coapscli.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.eclipse.californium.core.coap.ClientObserveRelation;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.core.server.MessageDeliverer;

/** A plain CoAP endpoint (RFC 7252 over UDP, no DTLS) on one socket, with the block-wise openings of its stack. */
public final class PlainEndpoint implements Endpoint {

    private final CoapEndpoint endpoint;
    private final TracedBlockwiseLayer blocks;

    private PlainEndpoint(CoapEndpoint endpoint, TracedBlockwiseLayer blocks) {
        this.endpoint = endpoint;
        this.blocks = blocks;
    }

    public static PlainEndpoint create(CoapSettings settings) {
        BlockwiseStack stack = new BlockwiseStack();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setInetSocketAddress(settings.bindAddress())
                .setConfiguration(CoapConfigs.forEndpoint(settings))
                .setCoapStackFactory(stack)
                .build();
        return new PlainEndpoint(endpoint, stack.blocks());
    }

    @Override
    public void setMessageDeliverer(MessageDeliverer deliverer) {
        endpoint.setMessageDeliverer(deliverer);
    }

    @Override
    public void onNotification(NotificationListener listener) {
        endpoint.addNotificationListener(listener);
    }

    @Override
    public ClientObserveRelation observe(Request request, ScheduledThreadPoolExecutor executor) {
        return new ClientObserveRelation(request, endpoint, executor);
    }

    @Override
    public void sendRequest(Request request) {
        endpoint.sendRequest(request);
    }

    @Override
    public void start() throws IOException {
        endpoint.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return endpoint.getAddress();
    }

    @Override
    public TracedBlockwiseLayer blocks() {
        return blocks;
    }

    /** Releases the socket; what is in flight is dropped. */
    public void destroy() {
        endpoint.destroy();
    }
}
