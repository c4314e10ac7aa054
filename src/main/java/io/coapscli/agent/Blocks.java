package io.coapscli.agent;

import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.coap.CoapLimits;

/** OpenThread's block-wise vocabulary: block sizes as {@code block-16} ... {@code block-1024}, counts, numbering. */
public final class Blocks {

    /** The block count a new agent has: OpenThread's. */
    static final int DEFAULT_COUNT = 3;

    private Blocks() {
    }

    /** The SZX of {@code block-<size>} (RFC 7959: size = 2^(SZX+4)), or -1 if the word is no block form. */
    public static int szxOf(String type) {
        for (int szx = 0; szx <= 6; szx++) {
            if (type.equals("block-" + size(szx))) {
                return szx;
            }
        }
        return -1;
    }

    /**
     * The block count a block-wise request uses: the one given (checked), or else the agent's; an upload
     * checks it against the body limit too.
     */
    static int blockCount(AgentResource resource, Long given, int szx, Code method) throws AgentException {
        if (given != null) {
            checkCount(given, szx);
        }
        int blocks = given == null ? resource.blockCount() : given.intValue();
        if (method != Code.GET) {
            checkCount(blocks, szx);
        }
        return blocks;
    }

    static int size(int szx) {
        return 1 << (szx + 4);
    }

    /** A count of blocks of this size must be at least one and stay within the body limit. */
    static void checkCount(long count, int szx) throws AgentException {
        long most = CoapLimits.MAX_BODY_BYTES / size(szx);
        if (count < 1 || count > most) {
            throw AgentException.detailed(OtError.INVALID_ARGS, "a count of blocks of " + size(szx)
                    + " bytes is 1 to " + most + " (at most " + CoapLimits.MAX_BODY_BYTES + " bytes), not " + count);
        }
    }

    /**
     * OpenThread's block number: the block's position divided by its length, which for a short last block
     * is not the block's number (position 256 of a 44-byte block is "block 5").
     */
    static int number(int position, int length, int blockNumber) {
        return length == 0 ? blockNumber : position / length;
    }

    /** OpenThread's upload: the block count's blocks of random bytes. */
    static byte[] randomBody(int blocks, int szx) {
        return random(blocks * size(szx));
    }

    /** The first block of a body, which the caller prints before Done. */
    static byte[] firstBlock(byte[] body, int szx) {
        return java.util.Arrays.copyOf(body, Math.min(body.length, size(szx)));
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
