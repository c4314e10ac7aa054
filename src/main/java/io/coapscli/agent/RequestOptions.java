package io.coapscli.agent;

/**
 * CoAP options a one-shot request may add to what OpenThread's commands send (they send none of these).
 *
 * @param contentFormat Content-Format of the payload, or null
 * @param accept the Content-Format asked for, or null
 * @param uriHost Uri-Host, for a server reached by name (as coap-client sends it), or null
 */
public record RequestOptions(Integer contentFormat, Integer accept, String uriHost) {

    public static final RequestOptions NONE = new RequestOptions(null, null, null);
}
