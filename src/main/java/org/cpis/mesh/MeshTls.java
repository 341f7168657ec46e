package org.cpis.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Mutual TLS to MESH: the hub's client certificate (PKCS#12) and the MESH CA as trust store, from configuration. */
final class MeshTls {

    private MeshTls() {}

    static SSLContext context(MeshProperties.Tls tls) {
        try {
            if (tls.keyStore().isBlank() && tls.trustStore().isBlank()) {
                return SSLContext.getDefault();
            }
            KeyManagerFactory keys = null;
            if (!tls.keyStore().isBlank()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(
                        load(tls.keyStore(), tls.keyStorePassword()),
                        tls.keyStorePassword().toCharArray());
            }
            TrustManagerFactory trust = null;
            if (!tls.trustStore().isBlank()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.trustStore(), tls.trustStorePassword()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cpis.mesh.tls: the key or trust store cannot be read", e);
        }
    }

    private static KeyStore load(String path, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
