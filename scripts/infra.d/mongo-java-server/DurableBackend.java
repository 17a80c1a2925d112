package mlops.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore file) backend of mongo-java-server made durable: a write is committed to the
 * file before its answer leaves the server, so an acknowledged write survives the process being
 * killed (and, with {@code fsync}, the machine losing power).
 *
 * <p>Group commit: writes apply side by side under the shared side of a gate; a writer then
 * waits until a commit covers it, and one writer at a time commits for everyone applied so far
 * under the exclusive side, so a commit never stores half of a write (a document without its
 * unique-index entry). Reads take no lock. MVStore's own background commit is off;
 * {@link #maintain} compacts the file from a timer, in small steps and only after a quiet moment,
 * so it never holds writers for long.
 */
final class DurableBackend implements MongoBackend {

    /** Commands that never change data (lower case); every other command is a write. */
    private static final Set<String> READS = Set.of(
            "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
            "ismaster", "hello", "ping", "buildinfo", "serverstatus", "dbstats", "collstats",
            "killcursors", "endsessions", "connectionstatus", "hostinfo", "getparameter",
            "whatsmyuri", "getlog", "getcmdlineopts", "currentop", "explain", "getlasterror",
            "getfreemonitoringstatus", "saslstart", "saslcontinue", "authenticate", "logout");

    private final H2Backend delegate;
    private final MVStore store;
    private final boolean fsync;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object commits = new Object();
    /** Writes applied so far (guarded by {@code commits}). */
    private long applied;
    /** Writes a finished commit covers (guarded by {@code commits}). */
    private long committed;
    /** Whether a writer is committing now (guarded by {@code commits}). */
    private boolean committing;
    /** When the last write was applied (System.nanoTime()). */
    private volatile long lastWriteNanos = System.nanoTime();

    DurableBackend(H2Backend delegate, boolean fsync) {
        this.delegate = delegate;
        this.store = delegate.getMvStore();
        this.fsync = fsync;
    }

    private static boolean isRead(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            Object pipeline = query.get("pipeline");
            if (pipeline instanceof List<?> stages) {
                for (Object stage : stages) {
                    if (stage instanceof Document doc && (doc.containsKey("$out") || doc.containsKey("$merge"))) {
                        return false;
                    }
                }
            }
            return true;
        }
        return READS.contains(name);
    }

    private void commitNow() {
        if (store.hasUnsavedChanges()) {
            store.commit();
            if (fsync) {
                store.sync();
            }
        }
    }

    private <T> T write(Supplier<T> operation) {
        long ticket;
        gate.readLock().lock();
        try {
            return operation.get();
        } finally {
            synchronized (commits) {
                ticket = ++applied;
            }
            lastWriteNanos = System.nanoTime();
            gate.readLock().unlock();
            awaitCommitted(ticket);
        }
    }

    /** Returns once a commit covers write number {@code ticket}, committing when nobody else is. */
    private void awaitCommitted(long ticket) {
        for (;;) {
            synchronized (commits) {
                while (committing && committed < ticket) {
                    try {
                        commits.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a commit", e);
                    }
                }
                if (committed >= ticket) {
                    return;
                }
                committing = true;
            }
            long covered = -1;
            try {
                gate.writeLock().lock();
                try {
                    long snapshot;
                    synchronized (commits) {
                        snapshot = applied;
                    }
                    commitNow();
                    covered = snapshot;
                } finally {
                    gate.writeLock().unlock();
                }
            } finally {
                synchronized (commits) {
                    committing = false;
                    committed = Math.max(committed, covered);
                    commits.notifyAll();
                }
            }
        }
    }

    /**
     * Rewrites up to {@code bytesToWrite} of sparsely filled chunks of the file, then commits;
     * skipped while writes arrived within {@code quietMillis} (called from a timer).
     */
    void maintain(int targetFillRate, int bytesToWrite, long quietMillis) {
        if (System.nanoTime() - lastWriteNanos < quietMillis * 1_000_000L) {
            return;
        }
        gate.writeLock().lock();
        try {
            commitNow();
            if (store.compact(targetFillRate, bytesToWrite)) {
                commitNow();
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (isRead(command, query)) {
            return delegate.handleCommand(channel, database, command, query);
        }
        return write(() -> delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        if (isRead(command, query)) {
            return delegate.handleMessage(message);
        }
        return write(() -> delegate.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return write(() -> delegate.handleQuery(query));
    }

    @Override
    public void dropDatabase(String database) {
        write(() -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            delegate.close();
        } finally {
            gate.writeLock().unlock();
        }
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
