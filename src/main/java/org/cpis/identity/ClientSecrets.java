package org.cpis.identity;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The token endpoint's check of an API client's secret: during a rotation's overlap the client's registered secret is
 * two stored hashes, and either secret is accepted. Stored hashes ("{bcrypt}$2a$...") never contain a space.
 */
final class ClientSecrets implements PasswordEncoder {

    private static final String SEPARATOR = " ";

    private final PasswordEncoder hashes;

    ClientSecrets(PasswordEncoder hashes) {
        this.hashes = hashes;
    }

    static String either(String currentHash, String previousHash) {
        return currentHash + SEPARATOR + previousHash;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        for (String hash : encodedPassword.split(SEPARATOR)) {
            if (hashes.matches(rawPassword, hash)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }
}
