package io.github.chatstarter.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.limit.LimitListener;
import io.github.chatstarter.limit.ProviderRateLimiter;
import io.github.chatstarter.limit.RateLimit;
import io.github.chatstarter.limit.RateLimitSettings;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import io.github.chatstarter.state.ClusterSettings;
import io.github.chatstarter.state.RedisClusterState;
import io.github.chatstarter.state.internal.LuaScript;
import io.github.chatstarter.tokens.TokenEstimator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Shared admission's round trip: {@value #INSTANCES} instances (each its own Lettuce
 * connection, as separate JVMs would have) × {@value #CALLERS} concurrent callers take
 * from one provider's requests-per-minute bucket in a real {@code redis-server} on
 * loopback (one hot key), each admission settled at once. The limit is never reached, so
 * every admission is one Lua script. Reports the time from asking to holding the permit
 * (p50, p99, p99.9) and admissions per second, for {@value #ROUNDS} rounds of
 * {@code seconds} each after a warm-up of twice that, each alternately with a bare round
 * trip.
 * <p>
 * Usage: {@code SharedAdmissionRun [seconds] [admissions per second]}: with a rate, each
 * caller pauses between admissions so that all together ask that often ({@code paced});
 * without, they ask as fast as they can ({@code saturated}, where the latency is mostly
 * the wait for a core of a machine that runs the callers and Redis). Needs
 * {@code redis-server} on the PATH or in {@code /usr/bin}. Prints
 * {@code RESULT name value} lines.
 */
public final class SharedAdmissionRun {

	static final int INSTANCES = 3;

	static final int CALLERS = 64;

	static final int ROUNDS = 3;

	private static final Usage USAGE = Usage.of(12, 30);

	/**
	 * One hot key, one Lua script, one round trip: what the admission's script costs at
	 * least.
	 */
	private static final LuaScript<Long> ROUND_TRIP = LuaScript.of("return redis.call('INCR', KEYS[1])", Long.class);

	private SharedAdmissionRun() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		String name = (rate > 0) ? "paced" : "saturated";
		int port = freePort();
		Process redis = startRedis(port);
		List<LettuceConnectionFactory> factories = new ArrayList<>();
		List<RedisClusterState> states = new ArrayList<>();
		List<CallAdmission> instances = new ArrayList<>();
		try {
			for (int i = 0; i < INSTANCES; i++) {
				LettuceConnectionFactory factory = new LettuceConnectionFactory(
						new RedisStandaloneConfiguration("127.0.0.1", port));
				factory.afterPropertiesSet();
				factory.start();
				factories.add(factory);
				RedisClusterState state = new RedisClusterState(new ReactiveStringRedisTemplate(factory),
						new ClusterSettings("bench", Duration.ofSeconds(2), ClusterSettings.DEFAULT_REFRESH_INTERVAL,
								ClusterSettings.DEFAULT_LOCAL_SHARE));
				states.add(state);
				instances.add(new ProviderRateLimiter("bench",
						new RateLimitSettings(new RateLimit(Integer.MAX_VALUE, null), RateLimit.NONE, null,
								Duration.ofSeconds(10), RateLimitSettings.DEFAULT_COMPLETION_TOKENS),
						state, TokenEstimator.create(), LimitListener.NONE));
			}
			ChatRequest request = ChatRequest.ofUserMessage(Requests.QUESTION);
			List<Admission> admissions = instances.stream()
				.map((instance) -> (Admission) () -> instance.admit(request, null)
					.doOnNext((permit) -> permit.settle(USAGE)))
				.toList();
			// The floor of this machine: the same callers, each asking Redis one bare Lua
			// script on the same connections, without the starter.
			List<Admission> roundTrips = factories.stream().map((factory) -> {
				ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(factory);
				return (Admission) () -> template.execute(ROUND_TRIP, List.of("bench:round-trip"), List.of()).next();
			}).toList();
			// Warm-up: two passes of each; with one, the first measured round was still
			// compiling (its p99 twice the later rounds').
			for (int pass = 0; pass < 2; pass++) {
				measure(admissions, seconds, rate);
				measure(roundTrips, seconds, rate);
			}
			for (int round = 1; round <= ROUNDS; round++) {
				Latencies latencies = measure(admissions, seconds, rate);
				if (states.stream().anyMatch((state) -> !state.isShared())) {
					System.out.println("FAILED Redis failed during the round: admissions were local");
				}
				report(name, round, latencies, seconds);
				report(name + "RoundTrip", round, measure(roundTrips, seconds, rate), seconds);
			}
		}
		finally {
			states.forEach(RedisClusterState::close);
			factories.forEach(LettuceConnectionFactory::destroy);
			redis.destroy();
			redis.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void report(String name, int round, Latencies latencies, int seconds) {
		double perSecond = latencies.count() / (double) seconds;
		System.out.printf(Locale.ROOT, "round %d %s: %,.0f per second, p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs%n",
				round, name, perSecond, latencies.percentile(50) / 1e3, latencies.percentile(99) / 1e3,
				latencies.percentile(99.9) / 1e3);
		System.out.printf(Locale.ROOT,
				"RESULT %1$s.p50 %2$.1f%nRESULT %1$s.p99 %3$.1f%nRESULT %1$s.p999 %4$.1f%n"
						+ "RESULT %1$s.perSecond %5$.1f%n",
				name, latencies.percentile(50) / 1e3, latencies.percentile(99) / 1e3, latencies.percentile(99.9) / 1e3,
				perSecond);
	}

	/**
	 * All callers ask in a loop for the given time, at once again (rate 0: as fast as
	 * they can) or after a pause that makes the given rate all together; the latency of
	 * each answer.
	 */
	private static Latencies measure(List<Admission> instances, int seconds, int rate) {
		int callers = instances.size() * CALLERS;
		Duration pause = (rate > 0) ? Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) * callers / rate) : Duration.ZERO;
		Latencies latencies = new Latencies(2_000_000);
		AtomicBoolean running = new AtomicBoolean(true);
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		Flux.range(0, callers).flatMap((caller) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return instances.get(caller % instances.size())
				.ask()
				.doOnNext((answer) -> latencies.record(System.nanoTime() - start))
				.delayElement(pause);
		})
			.repeat(() -> running.get() && System.nanoTime() < end)
			// Paced callers start spread over one pause, so that they do not ask in
			// bursts.
			.delaySubscription(pause.multipliedBy(caller).dividedBy(callers)), callers)
			.blockLast(Duration.ofSeconds(seconds + 60L));
		running.set(false);
		return latencies;
	}

	private static Process startRedis(int port) throws IOException {
		Path binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
			.stream()
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No redis-server in /usr/bin or /usr/local/bin (apt-get install redis-server)"));
		Process process = new ProcessBuilder(binary.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				if (socket.getInputStream().read() == '+') {
					return process;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		process.destroyForcibly();
		throw new IllegalStateException("redis-server did not answer PING on port " + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** What a caller asks, and what answers it. */
	@FunctionalInterface
	private interface Admission {

		Mono<?> ask();

	}

}
