package io.coapscli.agent;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.ResourceObserverAdapter;

/**
 * The agent's resource as Californium's observe machinery (RFC 7641) sees it. Californium keeps the
 * relations, numbers the notifications, sends them confirmable or not as each registration was, and
 * drops a relation whose notification is answered with a Reset or never acknowledged; this class only
 * answers each notification with the current content and reports what happened to the agent's events.
 * First responses to a registration are made by {@link AgentResource}, like any GET.
 */
final class ObservedContent extends CoapResource {

    private final Supplier<byte[]> content;
    private final Consumer<AgentEvent> events;
    private final Set<ObserveRelation> relations = ConcurrentHashMap.newKeySet();

    /** The transmission parameters of confirmable notifications ({@code coap parameters response}); null for the agent's. */
    private volatile TransmissionParameters transmission;

    void useTransmission(TransmissionParameters parameters) {
        transmission = parameters;
    }

    ObservedContent(Supplier<byte[]> content, Consumer<AgentEvent> events) {
        super("resource");
        this.content = content;
        this.events = events;
        setObservable(true);
        addObserver(new ResourceObserverAdapter() {
            @Override
            public void addedObserveRelation(ObserveRelation relation) {
                relations.add(relation);
                events.accept(new AgentEvent.ObserverAdded(relation.getSource()));
            }

            @Override
            public void removedObserveRelation(ObserveRelation relation) {
                if (relations.remove(relation)) {
                    events.accept(new AgentEvent.ObserverRemoved(relation.getSource()));
                }
            }
        });
    }

    /** Sends every observer a notification with the current content; returns whom. */
    List<InetSocketAddress> notifyObservers() {
        List<InetSocketAddress> observers = observers();
        if (!observers.isEmpty()) {
            changed();
        }
        return observers;
    }

    List<InetSocketAddress> observers() {
        return relations.stream().map(ObserveRelation::getSource).toList();
    }

    /** The peer's session ended: its relations end without a word to it. */
    void forget(InetSocketAddress peer) {
        for (ObserveRelation relation : List.copyOf(relations)) {
            if (relation.getSource().equals(peer)) {
                relation.cancel();
            }
        }
    }

    /** The resource moved or the agent stopped: every observer gets a last 4.04 and is dropped (RFC 7641 3.2). */
    void endAll() {
        if (!relations.isEmpty()) {
            clearAndNotifyObserveRelations(ResponseCode.NOT_FOUND);
        }
    }

    /** Called by Californium for each relation when the content changed: the notification itself. */
    @Override
    public void handleGET(CoapExchange exchange) {
        InetSocketAddress peer = exchange.advanced().getRequest().getSourceContext().getPeerAddress();
        Response notification = new Response(ResponseCode.CONTENT);
        notification.setPayload(content.get());
        TransmissionParameters own = transmission;
        if (own != null) {
            notification.setReliabilityLayerParameters(own.toCalifornium());
        }
        notification.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onAcknowledgement() {
                events.accept(new AgentEvent.NotificationAcknowledged(peer));
            }

            @Override
            public void onTimeout() {
                // Californium ends the relation next; OpenThread reports the failure, then the removal.
                events.accept(new AgentEvent.NotificationFailed(peer, OtError.RESPONSE_TIMEOUT,
                        "a confirmable notification was never acknowledged"));
            }
        });
        exchange.respond(notification);
    }
}
