package io.coapscli.shell;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.Blocks;
import io.coapscli.agent.OtError;

/** OpenThread's block-wise request form, the same for both agents: {@code block-<size> [count]} as the type. */
record BlockForm(int szx, Long count) {

    /**
     * The form whose type word is at this position, or null when that word is no block form (or the
     * method has none: a DELETE).
     */
    static BlockForm at(List<String> args, int type, Code method) throws AgentException {
        int szx = args.size() > type && method != Code.DELETE ? Blocks.szxOf(args.get(type)) : -1;
        if (szx < 0) {
            return null;
        }
        if (args.size() > type + 2) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        return new BlockForm(szx, args.size() > type + 1 ? Unsigned32.blockCount(args.get(type + 1)) : null);
    }

    /** An upload's first block, which OpenThread prints before the command's Done; nothing for a GET. */
    static void printFirst(byte[] first, Consumer<String> out) {
        if (first != null) {
            EventLines.blockLines(new AgentEvent.BlockSent(0, first)).forEach(out);
        }
    }
}
