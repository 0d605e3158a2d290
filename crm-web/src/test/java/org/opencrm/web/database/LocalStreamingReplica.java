package org.opencrm.web.database;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;

/**
 * A throwaway primary and its streaming replica on free ports under a temporary
 * directory, made with the machine's PostgreSQL server binaries: {@code initdb}, then
 * {@code pg_basebackup -R} (a hot standby that streams from the primary). Nothing of the
 * machine's own server or its configuration is touched. PostgreSQL refuses to run as
 * root, so as root (CI) every command runs as the {@code postgres} user through
 * {@code runuser}. The binaries are found in {@code CRM_TEST_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin}; without them the test is skipped, except on
 * CI ({@code CI=true}), where {@code .ci/run} provides them. Both servers are stopped and
 * their files removed after the Spring test contexts have closed.
 */
final class LocalStreamingReplica {

	private final Path bin;

	private final Path dir;

	final int primaryPort;

	final int replicaPort;

	private LocalStreamingReplica(Path bin, Path dir, int primaryPort, int replicaPort) {
		this.bin = bin;
		this.dir = dir;
		this.primaryPort = primaryPort;
		this.replicaPort = replicaPort;
	}

	static LocalStreamingReplica start() {
		Optional<Path> bin = binaries();
		if (bin.isEmpty()) {
			String missing = "no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup): set CRM_TEST_PG_BIN or"
					+ " apt-get install postgresql";
			if ("true".equals(System.getenv("CI"))) {
				fail("CI=true but " + missing);
			}
			Assumptions.abort("read-replica test skipped: " + missing);
		}
		try {
			Path dir = Files.createTempDirectory("crm-replica-");
			LocalStreamingReplica clusters = new LocalStreamingReplica(bin.get(), dir, freePort(), freePort());
			SpringApplication.getShutdownHandlers().add(clusters::destroy);
			clusters.create();
			return clusters;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void create() throws IOException {
		if (asRoot()) {
			run(List.of("chown", "postgres", dir.toString()), false);
		}
		run(List.of(tool("initdb"), "-D", primaryDir(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
				"--locale=C.UTF-8", "--no-sync"), true);
		startServer(primaryDir(), primaryPort, "primary.log");
		run(List.of(tool("pg_basebackup"), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres", "-D",
				replicaDir(), "-R", "-X", "stream", "-c", "fast", "--no-sync"), true);
		startReplica();
	}

	void startReplica() {
		startServer(replicaDir(), replicaPort, "replica.log");
	}

	/** Stops the replica at once, as a crash or a lost network would. */
	void stopReplica() {
		run(List.of(tool("pg_ctl"), "-D", replicaDir(), "-m", "immediate", "-w", "stop"), true);
	}

	String primaryUrl() {
		return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
	}

	String replicaUrl() {
		return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres";
	}

	Connection replicaConnection() throws SQLException {
		return DriverManager.getConnection(replicaUrl(), "postgres", "");
	}

	private void startServer(String dataDir, int port, String logName) {
		// fsync off: a throwaway cluster; unix socket in our own directory, not
		// /var/run.
		String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories=" + dir;
		run(List.of(tool("pg_ctl"), "-D", dataDir, "-o", options, "-l", dir.resolve(logName).toString(), "-w", "-t",
				"60", "start"), true);
	}

	private void destroy() {
		for (String data : List.of(replicaDir(), primaryDir())) {
			if (Files.exists(Path.of(data, "postmaster.pid"))) {
				try {
					run(List.of(tool("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"), true);
				}
				catch (RuntimeException ignored) {
					// already stopped
				}
			}
		}
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ignored) {
			// a temporary directory; the system cleans it eventually
		}
	}

	private String primaryDir() {
		return dir.resolve("primary").toString();
	}

	private String replicaDir() {
		return dir.resolve("replica").toString();
	}

	private String tool(String name) {
		return bin.resolve(name).toString();
	}

	private void run(List<String> command, boolean asPostgres) {
		List<String> full = new ArrayList<>();
		if (asPostgres && asRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		try {
			Process process = new ProcessBuilder(full).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile()))
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("timed out: " + full);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("failed (" + process.exitValue() + "): " + full + "\n"
						+ Files.readString(dir.resolve("commands.log")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean asRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Optional<Path> binaries() {
		String given = System.getenv("CRM_TEST_PG_BIN");
		if (given != null && !given.isBlank()) {
			return Optional.of(Path.of(given.trim())).filter(LocalStreamingReplica::complete);
		}
		Path versions = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(versions)) {
			return Optional.empty();
		}
		try (Stream<Path> dirs = Files.list(versions)) {
			return dirs.map(v -> v.resolve("bin"))
				.filter(LocalStreamingReplica::complete)
				.max(Comparator.comparing(p -> versionOf(p.getParent().getFileName().toString())));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean complete(Path bin) {
		return Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres")
			.allMatch(tool -> Files.isExecutable(bin.resolve(tool)));
	}

	private static int versionOf(String name) {
		return name.matches("\\d+") ? Integer.parseInt(name) : 0;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
