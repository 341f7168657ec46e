package org.cpis.shared.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as its own process (started by {@code pg_ctl}, detached), so a hub killed with SIGKILL leaves it
 * running, holding {@code postmaster.pid}: the next start would fail. A server is orphaned when no living hub holds the
 * embedding library's lock on the data directory ({@code epg-lock}, a file lock the operating system releases when
 * its process dies); such a server is stopped before the hub starts its own.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    // zonky's lock file in the data directory, held for as long as the hub that started the server lives.
    private static final String LOCK_FILE = "epg-lock";

    private OrphanedPostmaster() {}

    static void stopIfAny(Path dataDirectory) throws IOException {
        Optional<Postmaster> running = Postmaster.running(dataDirectory);
        if (running.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(
                        dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(
                        "The embedded database in " + dataDirectory + " is in use by another running cpis");
            }
            log.warn(
                    "Embedded PostgreSQL (pid {}) was left running by a hub that did not stop cleanly; stopping it",
                    running.get().process().pid());
            running.get().stopFast(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned embedded PostgreSQL", e);
        }
    }
}
