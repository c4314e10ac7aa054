package io.coapscli.dtls;

import java.time.Duration;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.JceProviderUtil;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;

/**
 * Starts, on another thread, what the first endpoint would otherwise wait for: the configuration
 * definitions ({@link SecureEndpoint}'s class initialisation registers them, and they build Californium's
 * curve table, a key pair for every curve: about 120 ms) and the crypto checks. A process calls it first
 * thing, so this runs while the main thread reads the command line; whoever needs a class that is still
 * initialising simply waits for it. A class of its own: touching SecureEndpoint here would run its
 * initialisation on the caller's thread.
 */
public final class CryptoWarmUp {

    private CryptoWarmUp() {
    }

    public static void start() {
        startAfter(Duration.ZERO);
    }

    /** The same, once this much time passed: for a process that has better things to do first. */
    public static void startAfter(Duration delay) {
        Thread warmUp = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                Class.forName(SecureEndpoint.class.getName(), true, CryptoWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            JceProviderUtil.init();
            SupportedGroup.getUsableGroups();
            Configuration.createStandardWithoutFile();
        }, "coaps-crypto-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
