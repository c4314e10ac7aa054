package io.coapscli.dtls;

import java.lang.reflect.Field;
import java.util.regex.Pattern;

import org.eclipse.californium.elements.util.StringUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a ClientHello whose Server Name Indication is an IPv6 literal through.
 * <p>
 * RFC 6066 forbids IP literals in SNI, yet libcoap's coap-client (4.3.1, Debian 12) sends the URI host,
 * so {@code coaps://[::1]/} arrives with SNI {@code ::1}. Scandium validates the name while parsing the
 * ClientHello, with {@link StringUtil#isValidHostName(String)}, and drops the whole handshake as
 * malformed. The parse happens before any hook we could configure, and rewriting the bytes would break
 * the handshake transcript, so we widen that one check to accept IPv6 literals too. IPv4 literals
 * already pass it. The server ignores SNI ({@code DTLS_USE_SERVER_NAME_INDICATION=false}), so the name
 * decides nothing afterwards.
 */
final class IpLiteralServerNames {

    private static final Logger LOGGER = LoggerFactory.getLogger(IpLiteralServerNames.class);
    private static final String HOSTNAME_PATTERN_FIELD = "HOSTNAME_PATTERN";
    private static final String IPV6_LITERAL = "[0-9a-fA-F:.]*:[0-9a-fA-F:.]*";

    private IpLiteralServerNames() {
    }

    static void accept() {
        if (StringUtil.isValidHostName("::1")) {
            return;
        }
        try {
            Field field = StringUtil.class.getDeclaredField(HOSTNAME_PATTERN_FIELD);
            field.setAccessible(true);
            Pattern strict = (Pattern) field.get(null);
            Pattern lenient = Pattern.compile("(?:" + strict.pattern() + ")|^" + IPV6_LITERAL + "$");
            Field unsafeField = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            unsafeField.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) unsafeField.get(null);
            // A static final field can only be replaced this way; it runs once, before any handshake.
            unsafe.putObjectVolatile(unsafe.staticFieldBase(field), unsafe.staticFieldOffset(field), lenient);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("cannot relax SNI host name check; clients that send an IPv6 literal as SNI will fail", e);
        }
    }
}
