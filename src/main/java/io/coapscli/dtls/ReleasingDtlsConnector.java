package io.coapscli.dtls;

import java.util.function.Consumer;

import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.ResumptionSupportingConnectionStore;

/**
 * Scandium's connector, holding on to its connection store so that a session that ended can be let go at
 * once. Scandium keeps a closed connection (about 5 KB with its session) for resumption until its store of
 * 150,000 is full, so a server that many clients came to and left grew by that much per client.
 */
final class ReleasingDtlsConnector extends DTLSConnector {

    private final ResumptionSupportingConnectionStore store;
    private final int capacity;

    private ReleasingDtlsConnector(DtlsConnectorConfig config, ResumptionSupportingConnectionStore store) {
        super(config, store);
        this.store = store;
        this.capacity = config.get(DtlsConfig.DTLS_MAX_CONNECTIONS);
    }

    static ReleasingDtlsConnector create(DtlsConnectorConfig config) {
        return new ReleasingDtlsConnector(config, createConnectionStore(config));
    }

    /** How a received message is handed to the layer above; by default, simply on this thread. */
    private volatile Consumer<Runnable> handUp = Runnable::run;

    /** Hands every received message up through this (before start), e.g. to run what it starts on this thread. */
    void handUpThrough(Consumer<Runnable> handUp) {
        this.handUp = handUp;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        super.setRawDataReceiver(receiver == null ? null : raw -> handUp.accept(() -> receiver.receiveData(raw)));
    }

    /** Connections held: open sessions, handshakes, and those Scandium keeps after they ended. */
    int connectionsHeld() {
        return capacity - store.remainingCapacity();
    }

    /** Drops a closed connection and its session; on the connection's own executor, as Scandium does. */
    void release(Connection connection) {
        store.remove(connection, true);
    }
}
