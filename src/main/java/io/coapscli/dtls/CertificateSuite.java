package io.coapscli.dtls;

import java.security.cert.X509Certificate;
import java.util.List;

import org.eclipse.californium.scandium.dtls.SignatureAndHashAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.x509.CertificateConfigurationHelper;

/**
 * What TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 sessions (certificates and raw public keys) take: our own
 * signatures are SHA256withECDSA on P-256, as OpenThread's; the certificates of a chain or a trust anchor
 * may also be signed with SHA-384 and a CA's key be on P-384, as many CAs have them (and the JDK's keytool
 * signs with SHA-384 since JDK 20). Scandium refuses, when the endpoint is built, credentials whose
 * certificates use anything else; {@link #check} finds that when they are loaded, with the reason.
 */
final class CertificateSuite {

    /** Our choice first: the peer's list decides only among these. */
    static final List<SignatureAndHashAlgorithm> SIGNATURES = List.of(SignatureAndHashAlgorithm.SHA256_WITH_ECDSA,
            SignatureAndHashAlgorithm.SHA384_WITH_ECDSA);
    static final List<SupportedGroup> CURVES = List.of(SupportedGroup.secp256r1, SupportedGroup.secp384r1);

    private CertificateSuite() {
    }

    /** Refuses a chain or trust anchors signed or keyed with what the suite does not take, saying what it is. */
    static void check(List<X509Certificate> chain, List<X509Certificate> trusted) throws CredentialException {
        CertificateConfigurationHelper helper = new CertificateConfigurationHelper();
        try {
            helper.addConfigurationDefaultsFor(chain);
            helper.addConfigurationDefaultsForTrusts(trusted.toArray(new X509Certificate[0]));
            helper.verifySignatureAndHashAlgorithmsConfiguration(SIGNATURES);
            helper.verifySupportedGroupsConfiguration(CURVES);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CredentialException("the certificates need what coaps-cli does not take (ECDSA with SHA-256 or "
                    + "SHA-384, keys on P-256 or P-384): " + e.getMessage());
        }
    }
}
