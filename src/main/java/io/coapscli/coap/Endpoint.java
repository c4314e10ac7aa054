package io.coapscli.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.eclipse.californium.core.coap.ClientObserveRelation;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.core.server.MessageDeliverer;

/** What an agent sends and receives through: a CoAP endpoint on one socket, plain or secure. */
public interface Endpoint {

    void setMessageDeliverer(MessageDeliverer deliverer);

    /** Receives the notifications of our observations that are not responses to a request in flight. */
    void onNotification(NotificationListener listener);

    /**
     * Californium's client side of an observation (RFC 7641): orders notifications, re-registers when
     * Max-Age runs out, and cancels.
     */
    ClientObserveRelation observe(Request request, ScheduledThreadPoolExecutor executor);

    void sendRequest(Request request);

    /** Binds the socket. */
    void start() throws IOException;

    InetSocketAddress localAddress();

    /** The block-wise layer: the blocks of uploads to us, and the block options of stepwise requests. */
    TracedBlockwiseLayer blocks();
}
