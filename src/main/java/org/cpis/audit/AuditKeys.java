package org.cpis.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit keys: from the environment, or (embedded default) generated once into the data folder. Never in the
 * database: someone who can edit the database must not also be able to recompute the chain or reverse the subject
 * hash. A subject key kept in the database by an earlier version is moved to the folder, so existing hashes still
 * match.
 */
@Component
class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    private final AuditProperties properties;
    private final JdbcClient jdbc;
    private volatile SecretKeySpec subject;
    private volatile SecretKeySpec chain;

    AuditKeys(AuditProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /**
     * Loads both keys at start-up (after the migrations), so a missing or unusable key stops the hub at once, and a
     * subject key an earlier version kept in the database is moved out, once it is safely in its file.
     */
    @jakarta.annotation.PostConstruct
    void load() {
        subject();
        chain();
        if (legacySubjectKey().isPresent()) {
            jdbc.sql("delete from audit.installation_key").update();
        }
    }

    SecretKeySpec subject() {
        SecretKeySpec key = subject;
        if (key == null) {
            key = load(properties.subjectKey(), "audit-subject.key", this::legacySubjectKey);
            subject = key;
        }
        return key;
    }

    SecretKeySpec chain() {
        SecretKeySpec key = chain;
        if (key == null) {
            key = load(properties.chainKey(), "audit-chain.key", Optional::empty);
            chain = key;
        }
        return key;
    }

    /** The file beside the keys where the last verified head is exported, if there is a key folder. */
    Optional<Path> headFile() {
        return Optional.ofNullable(properties.keyDirectory()).map(d -> d.resolve("audit-head"));
    }

    private synchronized SecretKeySpec load(String configured, String fileName, Supplier<Optional<byte[]>> legacy) {
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            bytes = Base64.getDecoder().decode(configured.trim());
        } else if (properties.keyDirectory() != null) {
            bytes = fromFolder(properties.keyDirectory().resolve(fileName), legacy);
        } else {
            throw new IllegalStateException("cpis.audit keys are not set and there is no cpis.audit.key-directory");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("cpis.audit keys must be at least 32 bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static byte[] fromFolder(Path file, Supplier<Optional<byte[]>> legacy) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = legacy.get().orElseGet(() -> {
                    byte[] generated = new byte[32];
                    new SecureRandom().nextBytes(generated);
                    return generated;
                });
                write(file, Base64.getEncoder().encode(fresh));
                log.info("Audit key {} kept in the data folder (embedded default)", file.getFileName());
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the audit key folder cannot be used", e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        try {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // another node or thread made it first: use theirs
        }
    }

    /** A subject key an earlier version kept in the database, moved out so the database no longer holds it. */
    private Optional<byte[]> legacySubjectKey() {
        return jdbc.sql("select key from audit.installation_key")
                .query(byte[].class)
                .optional();
    }
}
