package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;

import io.coapscli.coap.Endpoint;
import io.coapscli.coap.TracedBlockwiseLayer;

/**
 * OpenThread's block-wise requests (RFC 7959), sent block by block so that each block is shown as it goes
 * or comes, with the block size the user chose: a GET with Block2, and a PUT or POST of random blocks with
 * Block1. Every block is confirmable; the transfer's outcome is that of its last block, so its response
 * line carries the last block only, as OpenThread's does.
 */
final class BlockwiseRequests {

    private final OutstandingRequests outstanding;
    private final Consumer<AgentEvent> events;

    BlockwiseRequests(OutstandingRequests outstanding, Consumer<AgentEvent> events) {
        this.outstanding = outstanding;
        this.events = events;
    }

    void get(Endpoint endpoint, InetSocketAddress peer, String uri, int szx) {
        getBlock(endpoint, peer, uri, szx, 0);
    }

    /**
     * Uploads the body in blocks, each reported as it goes but the first: that one is the caller's to show,
     * before the command's {@code Done}, where OpenThread prints it.
     */
    void upload(Endpoint endpoint, InetSocketAddress peer, Code method, String uri, int szx, byte[] body) {
        uploadBlock(endpoint, peer, method, uri, szx, body, 0);
    }

    private void getBlock(Endpoint endpoint, InetSocketAddress peer, String uri, int szx, int number) {
        Request request = TracedBlockwiseLayer.stepwise(NewRequests.to(peer, Code.GET, uri, true));
        request.getOptions().setBlock2(szx, false, number);
        outstanding.trackBlock(request, peer, response -> {
            BlockOption block = endpoint.blocks().takeBlockOption(request);
            if (block == null) {
                return false;
            }
            byte[] payload = response.getPayload() == null ? new byte[0] : response.getPayload();
            events.accept(new AgentEvent.BlockReceived(Blocks.number(block.getOffset(), payload.length,
                    block.getNum()), payload.clone()));
            if (!block.isM() || response.getCode() != ResponseCode.CONTENT) {
                return false;
            }
            getBlock(endpoint, peer, uri, block.getSzx(), block.getNum() + 1);
            return true;
        });
        endpoint.sendRequest(request);
    }

    private void uploadBlock(Endpoint endpoint, InetSocketAddress peer, Code method, String uri, int szx,
            byte[] body, int position) {
        int end = Math.min(body.length, position + Blocks.size(szx));
        boolean more = end < body.length;
        byte[] block = Arrays.copyOfRange(body, position, end);
        Request request = TracedBlockwiseLayer.stepwise(NewRequests.to(peer, method, uri, true));
        request.getOptions().setBlock1(szx, more, position / Blocks.size(szx));
        request.setPayload(block);
        if (position > 0) {
            events.accept(new AgentEvent.BlockSent(Blocks.number(position, block.length, 0), block));
        }
        outstanding.trackBlock(request, peer, response -> {
            BlockOption echoed = endpoint.blocks().takeBlockOption(request);
            if (!more || response.getCode() != ResponseCode.CONTINUE) {
                return false;
            }
            // RFC 7959 section 2.5: a server may ask for smaller blocks in its 2.31.
            int next = echoed == null ? szx : Math.min(szx, echoed.getSzx());
            uploadBlock(endpoint, peer, method, uri, next, body, end);
            return true;
        });
        endpoint.sendRequest(request);
    }
}
