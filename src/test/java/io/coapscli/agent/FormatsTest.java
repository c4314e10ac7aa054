package io.coapscli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void ipv6IsEightUncompressedGroupsWithoutLeadingZeros() throws Exception {
        assertEquals("fdde:ad00:beef:0:9903:14b:27e0:5744",
                Formats.address(InetAddress.getByName("fdde:ad00:beef:0000:9903:014b:27e0:5744")));
        assertEquals("0:0:0:0:0:0:0:1", Formats.address(InetAddress.getByName("::1")));
        assertEquals("fe80:0:0:0:0:0:0:1", Formats.address(InetAddress.getByName("fe80::1%1")));
    }

    @Test
    void ipv4AndIpv4MappedAreDotted() throws Exception {
        assertEquals("127.0.0.1", Formats.address(InetAddress.getByName("127.0.0.1")));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        assertEquals("127.0.0.1", Formats.address(java.net.Inet6Address.getByAddress(null, mapped, null)));
    }

    @Test
    void payloadIsLowercaseHexWithoutSeparators() {
        assertEquals("68656c6c6f576f726c6400", Formats.hex("helloWorld\0".getBytes()));
        assertEquals("00ff", Formats.hex(new byte[] {0, (byte) 0xff}));
        assertEquals("", Formats.hex(new byte[0]));
    }

    @Test
    void socketAddressesBracketIpv6() throws Exception {
        assertEquals("[0:0:0:0:0:0:0:1]:5684", Formats.socketAddress(new InetSocketAddress("::1", 5684)));
        assertEquals("127.0.0.1:5684", Formats.socketAddress(new InetSocketAddress("127.0.0.1", 5684)));
    }
}
