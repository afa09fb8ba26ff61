package io.github.chatstarter.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real {@code redis-server} (Debian's package, found on the PATH) on 127.0.0.1 and a
 * free port, started before the test class and stopped after it. Register with
 * {@code @RegisterExtension static}.
 * <p>
 * Without the binary the tests are skipped with a message, as the browser test is without
 * Chromium, except under CI ({@code CI=true}), where {@code .ci/run} installs it and a
 * missing binary is an error. {@link #stop()} and {@link #start()} let a test take Redis
 * away mid-run and bring it back on the same port.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final int port = freePort();

	private Process process;

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Starts the server (again, after {@link #stop()}) and waits until it answers
	 * {@code PING}.
	 */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		Path binary = binary();
		try {
			// No persistence: each start is an empty server, as a restarted cache would
			// be.
			this.process = new ProcessBuilder(List.of(binary.toString(), "--bind", "127.0.0.1", "--port",
					String.valueOf(this.port), "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + binary, ex);
		}
		awaitPong();
	}

	/**
	 * Stops the server and waits until the process has ended, so the port refuses
	 * connections.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Host to connect to: always the loopback address. */
	public String host() {
		return "127.0.0.1";
	}

	/** Port the server listens on; the same across restarts. */
	public int port() {
		return this.port;
	}

	/** {@code redis://127.0.0.1:port}, for {@code spring.data.redis.url}. */
	public String url() {
		return "redis://" + host() + ":" + this.port;
	}

	/**
	 * A started Lettuce connection factory of its own to this server, as an instance of
	 * the application would have; the caller destroys it.
	 * @return the factory
	 */
	public LettuceConnectionFactory newConnectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(host(), this.port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Properties that point Spring Boot's Redis auto-configuration at this server.
	 */
	public String[] springProperties() {
		return new String[] { "spring.data.redis.host=" + host(), "spring.data.redis.port=" + this.port };
	}

	/**
	 * Sends one command in Redis' inline form and returns the first line of the reply
	 * ({@code +PONG}, {@code :3}, …): enough for tests to inspect or flush the server
	 * without a client library.
	 */
	public String command(String inlineCommand) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return readLine(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis on port " + this.port + " did not answer " + inlineCommand, ex);
		}
	}

	private void awaitPong() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		IOException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"redis-server exited with " + this.process.exitValue() + " on port " + this.port);
			}
			try {
				if ("+PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				last = (ex.getCause() instanceof IOException io) ? io : null;
			}
			// Polling a port that is not yet bound: there is no event to wait on for
			// another process's
			// listen(), so this bounded retry loop (a short pause between tries) is the
			// synchronisation.
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
		throw new IllegalStateException("redis-server did not answer PING within " + STARTUP_TIMEOUT, last);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private static Path binary() {
		Optional<Path> found = find();
		boolean required = "true".equalsIgnoreCase(System.getenv("CI"));
		if (found.isEmpty() && required) {
			throw new IllegalStateException("redis-server is not on the PATH: .ci/run installs Debian's "
					+ "redis-server package (apt-get install redis-server)");
		}
		assumeTrue(found.isPresent(), "No redis-server on the PATH: the Redis tests need Debian's redis-server "
				+ "package (apt-get install redis-server)");
		return found.get();
	}

	/**
	 * Where {@code redis-server} is, if it is on the PATH (or in {@code /usr/bin}, where
	 * Debian puts it).
	 */
	public static Optional<Path> find() {
		String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator
				+ "/usr/sbin";
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty()) {
				Path candidate = Path.of(dir, "redis-server");
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free loopback port", ex);
		}
	}

}
