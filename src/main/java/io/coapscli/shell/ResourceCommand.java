package io.coapscli.shell;

import java.util.List;
import java.util.function.Consumer;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.OtError;
import io.coapscli.agent.ServedResource;

/** {@code resource [<uri-path> [<block-count>]]}, the same for both agents. */
final class ResourceCommand {

    private ResourceCommand() {
    }

    static void run(ServedResource resource, List<String> args, Consumer<String> out) throws AgentException {
        if (args.isEmpty()) {
            out.accept(resource.path());
        } else if (args.size() == 1) {
            resource.setPath(args.get(0));
        } else if (args.size() == 2) {
            resource.setPath(args.get(0), Unsigned32.blockCount(args.get(1)));
        } else {
            throw new AgentException(OtError.INVALID_ARGS);
        }
    }
}
