package mlops.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.CountDownLatch;

/**
 * Fallback MongoDB-wire server for scripts/infra when FerretDB cannot be built:
 * mongo-java-server with the in-memory backend (data is lost when it stops).
 *
 * <p>Usage: {@code java -cp classes:lib/* mlops.infra.Main [host] [port]}; defaults 127.0.0.1
 * and 27018. The reported server version is taken from the system property
 * {@code mlops.mongo.version} (MONGO_3_6, MONGO_4_0 or MONGO_5_0; default MONGO_5_0).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27018;
        ServerVersion version =
                ServerVersion.valueOf(System.getProperty("mlops.mongo.version", "MONGO_5_0"));

        MongoServer server = new MongoServer(new MemoryBackend().version(version));
        server.bind(host, port);
        System.err.printf("mongo-java-server (%s, in-memory) listening on %s:%d%n", version, host, port);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("mongo-java-server shutting down");
            server.shutdown();
            stopped.countDown();
        }, "mongo-shutdown"));
        stopped.await();
    }
}
