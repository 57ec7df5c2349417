/*
 * DynamoDB Local bound to one address (its command line has no bind option: its Jetty server
 * listens on every interface), driven over stdin/stdout by local/stack/dynamodb.ts. Run with
 * Java's source launcher: java -cp 'DynamoDBLocal.jar:DynamoDBLocal_lib/*' DynamoDbLauncher.java
 *   <host> <port, 0: any> <database file or -> <DynamoDB Local's own arguments, with any -port...>
 *
 * Lines it prints (others on stdout are DynamoDB Local's and are ignored):
 *   studio:ready <port>                 listening on host:port
 *   studio:checkpoint <busy> <log> <n>  answer to `checkpoint` (SQLite's wal_checkpoint(PASSIVE) row)
 *   studio:synchronous <n>              answer to `synchronous normal`: PRAGMA synchronous of DynamoDB
 *                                       Local's connection afterwards (1: NORMAL), -1 and a reason if unset
 *   studio:stopped                      after `stop` or end of input: server closed, WAL checkpointed
 * It reads `checkpoint`, `synchronous normal` and `stop`; end of input (the parent process died, even by SIGKILL) stops too.
 *
 * TransactWriteItems and ExecuteTransaction are answered only once committed (see AfterCommit):
 * their responses carry `x-studio-committed: 1`.
 */
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDbLauncher {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    File db = args[2].equals("-") ? null : new File(args[2]);
    // DynamoDB Local refuses -port 0; its connector is given the wanted port (0: any free one) below.
    String[] own = java.util.Arrays.copyOfRange(args, 3, args.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(own);
    Field f = DynamoDBProxyServer.class.getDeclaredField("server");
    f.setAccessible(true);
    Server jetty = (Server) f.get(proxy);
    ServerConnector connector = null;
    for (Connector c : jetty.getConnectors()) {
      if (!(c instanceof ServerConnector)) throw new IllegalStateException("unexpected connector " + c);
      connector = (ServerConnector) c;
      connector.setHost(host);
      connector.setPort(port);
    }
    if (connector == null) throw new IllegalStateException("DynamoDB Local has no connector");
    jetty.setHandler(new AfterCommit(jetty.getHandler(), proxy));
    proxy.start();
    // sqlite4java's native library is loaded here, once, before any request: the periodic
    // checkpoint must never be the first to load it while DynamoDB Local's threads do too.
    if (db != null) {
      try { com.almworks.sqlite4java.SQLite.loadLibrary(); } catch (Exception e) { System.err.println("sqlite4java: " + e.getMessage()); }
    }
    reply("ready " + connector.getLocalPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null && !line.trim().equals("stop"); ) {
      if (line.trim().equals("checkpoint")) reply("checkpoint " + (db == null ? "0 0 0" : checkpoint(db)));
      if (line.trim().equals("synchronous normal")) reply("synchronous " + (db == null ? "-1 in memory" : synchronousNormal(proxy)));
    }
    // DynamoDB Local stops its SQLite queue without waiting for it (SQLiteDBAccess.close: stop(true), no
    // join): wait for the queue's thread to close its connection, so that the checkpoint's is the last
    // one closed, which deletes the WAL (else the exit below could beat that thread and leave it).
    java.util.List<SQLiteQueue> queues = db == null ? java.util.List.of() : queuesOf(proxy);
    proxy.stop();
    for (SQLiteQueue q : queues) {
      try { q.join(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
    if (db != null) checkpoint(db);
    reply("stopped");
    System.exit(0);
  }

  /**
   * Copies the WAL into the database without blocking DynamoDB Local's readers and writers
   * (PASSIVE: the SQLite of sqlite4java, 3.8.7, has no TRUNCATE). Once every frame is copied,
   * DynamoDB Local's next write starts the WAL over from its beginning instead of appending:
   * its connection never checkpoints by itself, so without this the WAL grows without end.
   * Closing the last connection (stop) checkpoints it and deletes it. Returns SQLite's row.
   */
  static String checkpoint(File db) {
    // Nothing to copy until DynamoDB Local has opened the database and written its WAL; opening
    // the file first (a fresh data folder) made DynamoDB Local drop its listener.
    if (!db.exists() || !new File(db.getPath() + "-wal").exists()) return "0 0 0";
    SQLiteConnection c = new SQLiteConnection(db);
    try {
      c.open(false);
      c.setBusyTimeout(5000);
      SQLiteStatement st = c.prepare("PRAGMA wal_checkpoint(PASSIVE)");
      try {
        st.step();
        return st.columnInt(0) + " " + st.columnInt(1) + " " + st.columnInt(2);
      } finally {
        st.dispose();
      }
    } catch (Exception e) {
      return "1 -1 -1 " + e.getMessage().replace('\n', ' ');
    } finally {
      c.dispose();
    }
  }

  /**
   * PRAGMA synchronous=NORMAL on DynamoDB Local's own connection (a per-connection setting, so it
   * must run on the thread of DynamoDB Local's SQLiteQueue): in WAL mode a commit then writes the
   * WAL without an fsync (checkpoints still fsync). A commit survives the death of the process
   * (even SIGKILL: it is in the OS's page cache); a power cut or OS crash may lose the last ones,
   * as it may lose the engine's unsynced journal appends. DynamoDB Local's handler and its
   * connection exist once it has served a request: Node asks after its first one. Reached by
   * reflection: DynamoDBProxyServer.serverHandler.primaryHandler.dbRequestHandlers (one with
   * -sharedDb) → LocalDBClient.dbAccess → SQLiteDBAccess.queue. Returns the value read back.
   */
  static String synchronousNormal(DynamoDBProxyServer proxy) {
    try {
      java.util.List<SQLiteQueue> queues = queues(proxy);
      if (queues.isEmpty()) return "-1 no request served yet";
      int value = -1;
      for (SQLiteQueue queue : queues) {
        value = queue.execute(new SQLiteJob<Integer>() {
          @Override protected Integer job(SQLiteConnection c) throws Throwable {
            c.exec("PRAGMA synchronous=NORMAL");
            SQLiteStatement st = c.prepare("PRAGMA synchronous");
            try { st.step(); return st.columnInt(0); } finally { st.dispose(); }
          }
        }).complete();
      }
      return String.valueOf(value);
    } catch (Throwable e) {
      return "-1 " + String.valueOf(e).replace('\n', ' ');
    }
  }

  /**
   * DynamoDB Local answers a transaction before committing it: SQLiteDBAccess.commitTransaction
   * puts the COMMIT on its SQLite queue and returns without waiting (rollbackTransaction too),
   * so a process killed right after the answer lost writes it had acknowledged (4 of 66
   * SIGKILLs during 16 concurrent TransactWriteItems writers; a run the API had answered 201 for was
   * gone after a restart). The queue runs its jobs in order on one thread: a job put on it after
   * the transaction's COMMIT completes after it. This wrapper holds the first byte of a
   * transaction's answer until such a job has run, and marks the answer `x-studio-committed: 1`.
   */
  static final class AfterCommit extends Handler.Wrapper {
    private final DynamoDBProxyServer proxy;
    /** DynamoDB Local's queues once it has them (after its first request; they last as long as it): read by reflection once. */
    private volatile java.util.List<SQLiteQueue> known = java.util.List.of();
    AfterCommit(Handler inner, DynamoDBProxyServer proxy) { super(inner); this.proxy = proxy; }

    @Override public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String target = request.getHeaders().get("X-Amz-Target");
      boolean transaction = target != null && (target.endsWith(".TransactWriteItems") || target.endsWith(".ExecuteTransaction"));
      if (!transaction) return super.handle(request, response, callback);
      return super.handle(request, new Response.Wrapper(request, response) {
        private boolean waited;
        @Override public void write(boolean last, ByteBuffer content, Callback done) {
          if (!waited) {
            waited = true;
            if (queued()) getHeaders().put("x-studio-committed", "1");
          }
          super.write(last, content, done);
        }
      }, callback);
    }

    /** Whether a job put on every SQLite queue after this thread's COMMIT has run (false: a queue stopped, or none yet). */
    private boolean queued() {
      try {
        java.util.List<SQLiteQueue> queues = known.isEmpty() ? (known = queues(proxy)) : known;
        boolean ran = !queues.isEmpty();
        for (SQLiteQueue queue : queues) {
          ran &= Boolean.TRUE.equals(queue.execute(new SQLiteJob<Boolean>() {
            @Override protected Boolean job(SQLiteConnection c) { return Boolean.TRUE; }
          }).complete());
        }
        return ran;
      } catch (Throwable e) {
        System.err.println("studio: transaction answered without waiting for its commit: " + e);
        return false;
      }
    }
  }

  /** DynamoDB Local's SQLite queues (one with -sharedDb, once it has served a request), by the reflection path above. */
  static java.util.List<SQLiteQueue> queues(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Object primary = field(field(proxy, "serverHandler"), "primaryHandler");
    java.util.List<SQLiteQueue> out = new java.util.ArrayList<>();
    for (Object client : ((java.util.Map<?, ?>) field(primary, "dbRequestHandlers")).values()) out.add((SQLiteQueue) field(field(client, "dbAccess"), "queue"));
    return out;
  }

  /** The queues, or none if they cannot be reached (the stop then only checkpoints, as before). */
  static java.util.List<SQLiteQueue> queuesOf(DynamoDBProxyServer proxy) {
    try { return queues(proxy); } catch (Throwable e) { return java.util.List.of(); }
  }

  /** The value of field `name` of `o`, declared by its class or a superclass. */
  static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
      try {
        Field f = k.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) { /* look in the superclass */ }
    }
    throw new NoSuchFieldException(o.getClass().getName() + "." + name);
  }

  static synchronized void reply(String line) {
    System.out.println("studio:" + line);
    System.out.flush();
  }
}
