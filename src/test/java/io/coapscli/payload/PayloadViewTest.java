package io.coapscli.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

class PayloadViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8428 section 5.1.2, "Multiple Data Points", in SenML-JSON. */
    private static final String RFC8428_MULTIPLE = """
            [
              {"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,
               "bu":"A","bver":5,
               "n":"voltage","u":"V","v":120.1},
              {"n":"current","t":-5,"v":1.2},
              {"n":"current","t":-4,"v":1.3},
              {"n":"current","t":-3,"v":1.4},
              {"n":"current","t":-2,"v":1.5},
              {"n":"current","t":-1,"v":1.6},
              {"n":"current","v":1.7}
            ]""";

    /** RFC 8428 table 6. */
    private static final Map<String, Integer> LABELS = Map.ofEntries(Map.entry("bver", -1), Map.entry("bn", -2),
            Map.entry("bt", -3), Map.entry("bu", -4), Map.entry("bv", -5), Map.entry("bs", -6), Map.entry("n", 0),
            Map.entry("u", 1), Map.entry("v", 2), Map.entry("vs", 3), Map.entry("vb", 4), Map.entry("s", 5),
            Map.entry("t", 6), Map.entry("ut", 7), Map.entry("vd", 8));

    @Test
    void senmlCborFromRfc8428ReadsAsItsSenmlJson() throws Exception {
        JsonNode pack = JSON.readTree(RFC8428_MULTIPLE);
        byte[] cbor = senmlCbor(pack);

        PayloadView.Decoded decoded = PayloadView.of(PayloadView.SENML_CBOR, cbor).orElseThrow();
        assertTrue(decoded.json());
        assertEquals(pack, JSON.readTree(decoded.compact()), decoded.compact());
        assertEquals(pack, JSON.readTree(decoded.pretty()));
        assertTrue(decoded.pretty().startsWith("[\n  {\n    \"bn\": \"urn:dev:ow:10e2073a0108006:\",\n"),
                decoded.pretty());
    }

    @Test
    void senmlJsonAndJsonAreIndented() throws Exception {
        PayloadView.Decoded decoded = PayloadView.of(PayloadView.SENML_JSON,
                "[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1}]".getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        assertEquals("""
                [
                  {
                    "n": "urn:dev:ow:10e2073a01080063",
                    "u": "Cel",
                    "v": 23.1
                  }
                ]""", decoded.pretty());
        assertEquals("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1}]", decoded.compact());
        assertEquals("{\"a\":[1,2]}", PayloadView.of(PayloadView.JSON, "{ \"a\" : [1, 2] }".getBytes()).orElseThrow()
                .compact());
    }

    @Test
    void cborThatJsonCanShowIsJsonAndTheRestIsDiagnosticNotation() throws Exception {
        // {"t": 21.5, "ok": true, "tags": ["a", null]}
        byte[] plain = HexFormat.of().parseHex("a36174f94d60626f6bf56474616773826161f6");
        PayloadView.Decoded json = PayloadView.of(PayloadView.CBOR, plain).orElseThrow();
        assertTrue(json.json());
        assertEquals("{\"t\":21.5,\"ok\":true,\"tags\":[\"a\",null]}", json.compact());

        // RFC 8949 appendix A: 1(1363896240) (epoch time); h'01020304'; {1: 2, 3: 4}; -1000000; 1.0e+300; NaN.
        assertEquals("1(1363896240)", diagnostic("c11a514b67b0"));
        assertEquals("h'01020304'", diagnostic("4401020304"));
        assertEquals("{1: 2, 3: 4}", diagnostic("a201020304"));
        assertEquals("[h'', {\"a\": h'ff'}, -1000000]", diagnostic("8340a1616141ff3a000f423f"));
        assertEquals("[1.0e+300, NaN]", diagnostic("82fb7e37e43c8800759cf97e00"));
    }

    @Test
    void linkFormatIsOneLinkALineAndCommasInQuotesDoNotSplit() {
        PayloadView.Decoded decoded = PayloadView.of(PayloadView.LINK_FORMAT,
                "</a>;ct=0;obs,</b>;title=\"x, y\",</c/d>;rt=\"<odd>\"".getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals("</a>;ct=0;obs\n</b>;title=\"x, y\"\n</c/d>;rt=\"<odd>\"", decoded.pretty());
        assertEquals("[\"</a>;ct=0;obs\",\"</b>;title=\\\"x, y\\\"\",\"</c/d>;rt=\\\"<odd>\\\"\"]", decoded.compact());
    }

    @Test
    void nothingIsDecodedForOtherFormatsEmptyPayloadsOrMalformedOnes() {
        assertFalse(PayloadView.of(0, "text".getBytes()).isPresent());
        assertFalse(PayloadView.of(42, new byte[] {1}).isPresent());
        assertFalse(PayloadView.of(null, new byte[] {1}).isPresent());
        assertFalse(PayloadView.of(PayloadView.CBOR, new byte[0]).isPresent());
        assertFalse(PayloadView.of(PayloadView.JSON, "{\"a\":".getBytes()).isPresent());
        assertFalse(PayloadView.of(PayloadView.JSON, "{} {}".getBytes()).isPresent());
        assertFalse(PayloadView.of(PayloadView.CBOR, HexFormat.of().parseHex("a2")).isPresent(), "truncated");
        assertFalse(PayloadView.of(PayloadView.CBOR, HexFormat.of().parseHex("0101")).isPresent(), "two items");
        byte[] deep = new byte[200];
        java.util.Arrays.fill(deep, (byte) 0x81);
        assertFalse(PayloadView.of(PayloadView.CBOR, deep).isPresent(), "nested too deep");
    }

    private static String diagnostic(String hex) {
        PayloadView.Decoded decoded = PayloadView.of(PayloadView.CBOR, HexFormat.of().parseHex(hex)).orElseThrow();
        assertFalse(decoded.json(), hex);
        return decoded.compact();
    }

    /** SenML-JSON to SenML-CBOR: the same records with RFC 8428's integer labels. */
    private static byte[] senmlCbor(JsonNode pack) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = new CBORFactory().createGenerator(out)) {
            generator.writeStartArray();
            for (JsonNode record : pack) {
                generator.writeStartObject();
                for (var field : (Iterable<Map.Entry<String, JsonNode>>) record::fields) {
                    generator.writeFieldId(LABELS.get(field.getKey()));
                    JsonNode value = field.getValue();
                    if (value.isTextual()) {
                        generator.writeString(value.asText());
                    } else if (value.isIntegralNumber()) {
                        generator.writeNumber(value.asLong());
                    } else {
                        generator.writeNumber(value.asDouble());
                    }
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return out.toByteArray();
    }
}
