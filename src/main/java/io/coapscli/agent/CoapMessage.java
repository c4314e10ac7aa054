package io.coapscli.agent;

import java.util.List;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;

/**
 * What a CoAP message looked like, for events: type (CON, NON, ACK, RST), code ("GET", "2.05"), options
 * as "Name: value" and the payload. The options' text is made only when asked for (verbose or JSON
 * output): the plain lines never need it, and making it for every message was a cost on the hot path.
 */
public final class CoapMessage {

    private final String type;
    private final String code;
    private final byte[] payload;
    private final Integer observe;
    private final Integer contentFormat;
    private Message source;
    private List<String> options;

    private CoapMessage(String type, String code, byte[] payload, Message source) {
        this.type = type;
        this.code = code;
        this.payload = payload;
        this.observe = source.getOptions().getObserve();
        this.contentFormat = source.getOptions().hasContentFormat() ? source.getOptions().getContentFormat() : null;
        this.source = source;
    }

    /** A message received, or sent and no longer changed: Californium leaves it alone from then on. */
    static CoapMessage of(Message message, String code) {
        byte[] payload = message.getPayload();
        String type = message.getType() == null ? "unknown" : message.getType().name();
        return new CoapMessage(type, code, payload == null ? new byte[0] : payload.clone(), message);
    }

    /**
     * The message as OpenThread shows a block-wise one: with the payload of its last block only, where
     * Californium reassembled the whole.
     */
    synchronized CoapMessage withPayload(byte[] shown) {
        CoapMessage copy = new CoapMessage(type, code, shown.clone(), observe, contentFormat);
        copy.source = source;
        copy.options = options;
        return copy;
    }

    private CoapMessage(String type, String code, byte[] payload, Integer observe, Integer contentFormat) {
        this.type = type;
        this.code = code;
        this.payload = payload;
        this.observe = observe;
        this.contentFormat = contentFormat;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public synchronized List<String> options() {
        if (options == null) {
            options = source.getOptions().asSortedList().stream().map(Option::toString).toList();
            source = null;
        }
        return options;
    }

    /** The Observe option's value (RFC 7641), or null without one. */
    public Integer observe() {
        return observe;
    }

    /** The Content-Format option's value, or null without one. */
    public Integer contentFormat() {
        return contentFormat;
    }

    /** The links of a link-format body (a discovery response), else an empty list. */
    public List<Link> links() {
        return contentFormat != null && contentFormat == Link.LINK_FORMAT ? Link.parse(payload) : List.of();
    }

    public byte[] payload() {
        return payload.clone();
    }
}
