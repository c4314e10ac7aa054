package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.List;

/** An agent's one resource as its commands see it: the path, the content, OpenThread's block count. */
public final class ServedResource {

    private final AgentResource resource;

    ServedResource(AgentResource resource) {
        this.resource = resource;
    }

    public String path() {
        return resource.path().toString();
    }

    public void setPath(String path) throws AgentException {
        Checks.resourcePath(path);
        resource.setPath(UriPath.parse(path));
    }

    /**
     * OpenThread's block-wise resource: the path, and the count of random blocks a GET with Block2 gets
     * (the count is the one block-wise uploads share).
     */
    public void setPath(String path, long blockCount) throws AgentException {
        Checks.resourcePath(path);
        Blocks.checkCount(blockCount, 0);
        resource.setPath(UriPath.parse(path));
        resource.serveRandomBlocks((int) blockCount);
    }

    public byte[] content() {
        return resource.content();
    }

    /**
     * Replaces the content and sends every observer a notification.
     *
     * @return the observers notified
     */
    public List<InetSocketAddress> setContent(byte[] content) throws AgentException {
        Checks.body(content, "the content");
        return resource.setContent(content);
    }
}
