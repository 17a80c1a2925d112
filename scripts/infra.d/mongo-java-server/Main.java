package mlops.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;

/**
 * mongo-java-server for scripts/infra.
 *
 * <p>Usage: {@code java -cp classes:lib/* mlops.infra.Main [host] [port]}; defaults 127.0.0.1
 * and 27018. System properties:
 * <ul>
 *   <li>{@code mlops.mongo.file}: the H2 MVStore file. When set, data is kept in that file and
 *       every acknowledged write is committed to it first ({@link DurableBackend}); when unset,
 *       data is kept in memory and lost when the server stops.
 *   <li>{@code mlops.mongo.fsync} ({@code true}/{@code false}, default false): also flush the
 *       file to the disk after each write (survives a power loss, not just a killed process).
 *   <li>{@code mlops.mongo.version}: MONGO_3_6, MONGO_4_0 or MONGO_5_0 (default MONGO_5_0).
 * </ul>
 */
public final class Main {
    /**
     * Netty worker threads. mongo-java-server handles a command on its connection's event loop,
     * and a write waits there for its commit: with a loop per connection (up to this many), a
     * waiting writer never delays another connection, such as a driver's heartbeat.
     */
    private static final int WORKER_THREADS = Integer.getInteger("mlops.mongo.threads", 64);
    private static final long COMPACT_EVERY_S = 10;
    private static final long COMPACT_WHEN_QUIET_MS = 2_000;
    private static final int COMPACT_TARGET_FILL_RATE = 50;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27018;
        ServerVersion version =
                ServerVersion.valueOf(System.getProperty("mlops.mongo.version", "MONGO_5_0"));
        String file = System.getProperty("mlops.mongo.file", "");
        boolean fsync = Boolean.getBoolean("mlops.mongo.fsync");

        MongoBackend backend;
        String description;
        ScheduledExecutorService maintenance = null;
        if (file.isEmpty()) {
            backend = new MemoryBackend().version(version);
            description = "in memory";
        } else {
            MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
            DurableBackend durable = new DurableBackend(new H2Backend(store), fsync);
            durable.version(version);
            backend = durable;
            description = "H2 file " + file + ", committed before each write is acknowledged" + (fsync ? ", fsync" : "");
            maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mvstore-compact");
                thread.setDaemon(true);
                return thread;
            });
            maintenance.scheduleWithFixedDelay(
                    () -> {
                        try {
                            durable.maintain(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES, COMPACT_WHEN_QUIET_MS);
                        } catch (RuntimeException e) {
                            System.err.printf("mongo-java-server: compaction failed: %s%n", e);
                        }
                    },
                    COMPACT_EVERY_S, COMPACT_EVERY_S, TimeUnit.SECONDS);
        }

        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress(host, port), 1, WORKER_THREADS);
        } catch (RuntimeException e) {
            System.err.printf("cannot listen on %s:%d: %s%n", host, port, e);
            server.shutdownNow();
            System.exit(1);
        }
        System.err.printf("mongo-java-server (%s, %s) listening on %s:%d%n", version, description, host, port);

        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService timer = maintenance;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("mongo-java-server shutting down");
            if (timer != null) {
                timer.shutdownNow();
            }
            server.shutdown();
            stopped.countDown();
        }, "mongo-shutdown"));
        stopped.await();
    }
}
