package io.coapscli.dtls;

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

    /** Connections held: open sessions, handshakes, and those Scandium keeps after they ended. */
    int connectionsHeld() {
        return capacity - store.remainingCapacity();
    }

    /** Drops a closed connection and its session; on the connection's own executor, as Scandium does. */
    void release(Connection connection) {
        store.remove(connection, true);
    }
}
