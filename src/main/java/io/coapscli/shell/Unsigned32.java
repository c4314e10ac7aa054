package io.coapscli.shell;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.OtError;

/** A number as OpenThread's {@code ParseAsUint32} reads it; the agents check the ranges that matter. */
final class Unsigned32 {

    private Unsigned32() {
    }

    /** @param what what the number is, for the verbose reason of a refusal */
    static long parse(String text, String what) throws AgentException {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(text) > 0xffffffffL) {
            throw AgentException.detailed(OtError.INVALID_ARGS, what + " is a number from 0 to 4294967295, not " + text);
        }
        return Long.parseLong(text);
    }

    static long blockCount(String text) throws AgentException {
        return parse(text, "a block count");
    }
}
