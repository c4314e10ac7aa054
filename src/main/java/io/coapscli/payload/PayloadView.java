package io.coapscli.payload;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * A payload shown for people, by its Content-Format: JSON (50) and SenML-JSON (110) indented; CBOR (60)
 * as JSON when JSON can show it, else in CBOR diagnostic notation (RFC 8949 section 8); SenML-CBOR (112)
 * with its integer labels named (RFC 8428 section 6) and shown as SenML-JSON; link format (40) one link
 * a line. Anything else, or a payload that does not parse as its format says, is not decoded.
 */
public final class PayloadView {

    public static final int LINK_FORMAT = 40;
    public static final int JSON = 50;
    public static final int CBOR = 60;
    public static final int SENML_JSON = 110;
    public static final int SENML_CBOR = 112;

    private static final JsonFactory FACTORY = new JsonFactory();
    /** RFC 8428 table 6: SenML-CBOR's integer labels. */
    private static final Map<Integer, String> SENML_LABELS = Map.ofEntries(Map.entry(-1, "bver"),
            Map.entry(-2, "bn"), Map.entry(-3, "bt"), Map.entry(-4, "bu"), Map.entry(-5, "bv"), Map.entry(-6, "bs"),
            Map.entry(0, "n"), Map.entry(1, "u"), Map.entry(2, "v"), Map.entry(3, "vs"), Map.entry(4, "vb"),
            Map.entry(5, "s"), Map.entry(6, "t"), Map.entry(7, "ut"), Map.entry(8, "vd"));

    /**
     * A decoded payload.
     *
     * @param pretty for a terminal: indented JSON, diagnostic notation, or one link a line
     * @param compact the same on one line
     * @param json whether {@code compact} is a JSON text (else it is to be quoted as a string)
     */
    public record Decoded(String pretty, String compact, boolean json) {
    }

    private PayloadView() {
    }

    /** The payload decoded for its Content-Format; empty when there is nothing to decode, or it is malformed. */
    public static Optional<Decoded> of(Integer contentFormat, byte[] payload) {
        if (contentFormat == null || payload == null || payload.length == 0) {
            return Optional.empty();
        }
        try {
            return switch (contentFormat) {
                case JSON, SENML_JSON -> Optional.of(json(payload));
                case CBOR -> Optional.of(cbor(CborReader.read(payload)));
                case SENML_CBOR -> Optional.of(cbor(senmlLabels(CborReader.read(payload))));
                case LINK_FORMAT -> links(payload);
                default -> Optional.empty();
            };
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Decoded json(byte[] payload) throws IOException {
        return new Decoded(copyJson(payload, true), copyJson(payload, false), true);
    }

    private static String copyJson(byte[] payload, boolean pretty) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonParser parser = FACTORY.createParser(payload); JsonGenerator generator = generator(out, pretty)) {
            if (parser.nextToken() == null) {
                throw new IOException("no JSON value");
            }
            generator.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
        }
        return out.toString();
    }

    private static JsonGenerator generator(StringWriter out, boolean pretty) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        if (pretty) {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
            printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
            generator.setPrettyPrinter(printer);
        }
        return generator;
    }

    private static Decoded cbor(CborValue value) {
        if (CborValue.isJson(value)) {
            return new Decoded(writeJson(value, true), writeJson(value, false), true);
        }
        String diagnostic = diagnostic(value);
        return new Decoded(diagnostic, diagnostic, false);
    }

    private static String writeJson(CborValue value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = generator(out, pretty)) {
            writeJson(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void writeJson(JsonGenerator generator, CborValue value) throws IOException {
        if (value instanceof CborValue.Text text) {
            generator.writeString(text.value());
        } else if (value instanceof CborValue.Integer integer) {
            generator.writeNumber(integer.value());
        } else if (value instanceof CborValue.Floating floating) {
            generator.writeNumber(floating.value());
        } else if (value instanceof CborValue.Bool bool) {
            generator.writeBoolean(bool.value());
        } else if (value instanceof CborValue.Null) {
            generator.writeNull();
        } else if (value instanceof CborValue.Array array) {
            generator.writeStartArray();
            for (CborValue item : array.items()) {
                writeJson(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof CborValue.Map map) {
            generator.writeStartObject();
            for (CborValue.Entry entry : map.entries()) {
                generator.writeFieldName(((CborValue.Text) entry.key()).value());
                writeJson(generator, entry.value());
            }
            generator.writeEndObject();
        } else {
            throw new IllegalArgumentException("not JSON: " + value);
        }
    }

    /** RFC 8949 section 8 diagnostic notation, on one line. */
    static String diagnostic(CborValue value) {
        if (value instanceof CborValue.Text text) {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text.value())) + "\"";
        }
        if (value instanceof CborValue.Integer integer) {
            return integer.value().toString();
        }
        if (value instanceof CborValue.Floating floating) {
            return floating(floating.value());
        }
        if (value instanceof CborValue.Bool bool) {
            return Boolean.toString(bool.value());
        }
        if (value instanceof CborValue.Null) {
            return "null";
        }
        if (value instanceof CborValue.Bytes bytes) {
            return "h'" + HexFormat.of().formatHex(bytes.value()) + "'";
        }
        if (value instanceof CborValue.Tagged tagged) {
            return tagged.tag() + "(" + diagnostic(tagged.value()) + ")";
        }
        if (value instanceof CborValue.Array array) {
            List<String> items = new ArrayList<>();
            array.items().forEach(item -> items.add(diagnostic(item)));
            return "[" + String.join(", ", items) + "]";
        }
        CborValue.Map map = (CborValue.Map) value;
        List<String> entries = new ArrayList<>();
        map.entries().forEach(entry -> entries.add(diagnostic(entry.key()) + ": " + diagnostic(entry.value())));
        return "{" + String.join(", ", entries) + "}";
    }

    private static String floating(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        String text = Double.toString(value).replace('E', 'e');
        return text.contains("e") && !text.contains("e-") ? text.replace("e", "e+") : text;
    }

    /** SenML-CBOR's integer labels named, and "vd" (bytes) in base64url as SenML-JSON has it. */
    private static CborValue senmlLabels(CborValue value) {
        if (!(value instanceof CborValue.Array pack)) {
            return value;
        }
        List<CborValue> records = new ArrayList<>();
        for (CborValue item : pack.items()) {
            if (!(item instanceof CborValue.Map record)) {
                records.add(item);
                continue;
            }
            List<CborValue.Entry> entries = new ArrayList<>();
            for (CborValue.Entry entry : record.entries()) {
                CborValue key = entry.key();
                if (key instanceof CborValue.Integer label && label.value().bitLength() < 32
                        && SENML_LABELS.containsKey(label.value().intValue())) {
                    key = new CborValue.Text(SENML_LABELS.get(label.value().intValue()));
                }
                CborValue field = entry.value();
                if (key instanceof CborValue.Text name && name.value().equals("vd") && field instanceof CborValue.Bytes data) {
                    field = new CborValue.Text(Base64.getUrlEncoder().withoutPadding().encodeToString(data.value()));
                }
                entries.add(new CborValue.Entry(key, field));
            }
            records.add(new CborValue.Map(entries));
        }
        return new CborValue.Array(records);
    }

    /** Link format: one link a line; commas inside quotes or angle brackets do not split. */
    private static Optional<Decoded> links(byte[] payload) {
        Optional<String> decoded = Utf8.decode(payload);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String text = decoded.get();
        List<String> links = new ArrayList<>();
        StringBuilder link = new StringBuilder();
        boolean quoted = false;
        boolean bracketed = false;
        for (char c : text.toCharArray()) {
            if (c == '"' && !bracketed) {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                bracketed = true;
            } else if (c == '>' && !quoted) {
                bracketed = false;
            } else if (c == ',' && !quoted && !bracketed) {
                links.add(link.toString().strip());
                link.setLength(0);
                continue;
            }
            link.append(c);
        }
        links.add(link.toString().strip());
        StringWriter compact = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(compact)) {
            generator.writeStartArray();
            for (String each : links) {
                generator.writeString(each);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Decoded(String.join("\n", links), compact.toString(), true));
    }
}
