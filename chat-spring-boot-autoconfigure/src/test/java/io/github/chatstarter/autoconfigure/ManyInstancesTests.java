package io.github.chatstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.limit.ProviderRateLimiter;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.test.RedisServer;
import io.github.chatstarter.test.ScriptedUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of one application (three application contexts, each with the whole
 * auto-configuration as an application gets it, {@code chat.cluster.store=redis}) against
 * one real redis-server and one stub provider on 127.0.0.1: what the instances share.
 * Assertions are on the requests the stub received, counted; the one rate is measured on
 * the stub's own receipt times over a window of about ten seconds, so that a loaded
 * machine moves it by a few requests at most.
 */
class ManyInstancesTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final ChatRequest REQUEST = ChatRequest.of("gpt-4", ChatMessage.user("你好"));

	private static final String GOOD_KEY = "sk-many-instances-good-key";

	private static final String BAD_KEY = "sk-many-instances-bad-key";

	private final Stub stub = new Stub();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final String keyPrefix = "many-" + UUID.randomUUID();

	@AfterEach
	void stop() {
		redis.start();
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.stub.close();
	}

	@Test
	void threeInstancesUnder200ConcurrentCallersShouldTogetherAdmitTheConfiguredRate() {
		int perMinute = 600;
		double perSecond = perMinute / 60.0;
		// The bucket starts full: a burst of a minute's amount, plus what refills while
		// the burst is sent, then the steady rate, measured over 100 requests.
		int steadyRequests = 100;
		AtomicInteger steadyFrom = new AtomicInteger(Integer.MAX_VALUE);
		List<ChatTemplate> chat = startThree("chat.providers.xingyun.api-key=" + GOOD_KEY,
				"chat.providers.xingyun.rate-limit.requests-per-minute=" + perMinute,
				"chat.providers.xingyun.rate-limit.max-wait=2s");
		AtomicInteger admitted = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		Flux.range(0, 200)
			.flatMap((caller) -> Mono.defer(() -> chat.get(caller % 3).chat(REQUEST))
				.doOnNext((reply) -> admitted.incrementAndGet())
				.onErrorResume(ChatCapacityException.class, (refusal) -> {
					refused.incrementAndGet();
					return Mono.empty();
				})
				.onErrorResume((failure) -> {
					failures.add(failure);
					return Mono.empty();
				})
				.repeat(() -> this.stub.count() <= (long) stopAt(steadyFrom, start, perMinute, perSecond)
						+ steadyRequests),
					200)
			.blockLast(Duration.ofSeconds(120));
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		assertThat(failures).isEmpty();
		assertThat(refused.get()).isPositive();
		// Every admitted call reached the stub once, and nothing else did.
		assertThat(this.stub.count()).isEqualTo(admitted.get());
		// Never more than the burst and what refilled while the callers ran.
		assertThat(admitted.get()).isLessThanOrEqualTo(perMinute + (int) Math.ceil(perSecond * elapsedSeconds) + 1);
		// The rate, on the stub's receipt times, over the 100 requests after the burst
		// and its refill (200 callers always wait), whatever the burst took on a loaded
		// machine.
		List<Long> times = this.stub.times();
		int from = steadyFrom.get();
		double seconds = (times.get(from + steadyRequests) - times.get(from)) / 1e9;
		assertThat(seconds).isGreaterThan(5);
		double rate = steadyRequests / seconds;
		assertThat(rate).as("requests per second after the burst (%d in %.2f s)", steadyRequests, seconds)
			.isCloseTo(perSecond, withinPercentage(5));
	}

	/**
	 * Where the steady part starts: once the burst has arrived, past what refilled since
	 * the first call and 5 requests more; unknown (the largest int) until then.
	 */
	private int stopAt(AtomicInteger steadyFrom, long start, int burst, double perSecond) {
		if (steadyFrom.get() == Integer.MAX_VALUE && this.stub.count() >= burst) {
			List<Long> times = this.stub.times();
			// From the first call (the bucket is made at its admission, before its
			// request arrives) to the burst's last request.
			double burstSeconds = (times.get(burst - 1) - start) / 1e9;
			steadyFrom.compareAndSet(Integer.MAX_VALUE, burst + (int) Math.ceil(perSecond * burstSeconds) + 5);
		}
		return steadyFrom.get();
	}

	@Test
	void aKeyRejectedOnOneInstanceShouldBeSkippedByTheOthersWithoutARequest() {
		List<ChatTemplate> chat = startThree("chat.providers.xingyun.api-keys=" + BAD_KEY + "," + GOOD_KEY);
		// Keys are used in turn, the first first: the rejected key is tried once, set
		// aside, and the call repeated with the other.
		assertThat(chat.get(0).chat(REQUEST).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
		String fingerprint = ProviderRateLimiter.fingerprintOf(BAD_KEY);
		// Within a second (the refresh interval is 200ms here), the others know.
		await().atMost(Duration.ofSeconds(1))
			.until(() -> this.instances.stream()
				.allMatch((instance) -> instance.getBean(ClusterState.class)
					.setAside("key:xingyun", fingerprint) != null));
		Flux.range(0, 12)
			.flatMap((i) -> chat.get(1 + i % 2).chat(REQUEST), 4)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
		assertThat(this.stub.count(GOOD_KEY)).isEqualTo(13);
	}

	@Test
	void killingRedisMidRunShouldFailNoCallAndTheInstancesShouldShareLimitsAgainWhenItReturns() {
		int perMinute = 120;
		List<ChatTemplate> chat = startThree("chat.providers.xingyun.api-key=" + GOOD_KEY,
				"chat.providers.xingyun.rate-limit.requests-per-minute=" + perMinute);
		List<ClusterState> states = this.instances.stream()
			.map((instance) -> instance.getBean(ClusterState.class))
			.toList();
		assertThat(states).allMatch(ClusterState::isShared);
		// One caller per instance, each call in flight for 50ms, until told to stop.
		this.stub.delay = Duration.ofMillis(50);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger answered = new AtomicInteger();
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		Disposable callers = Flux.range(0, 3)
			.flatMap((caller) -> Mono.defer(() -> chat.get(caller).chat(REQUEST))
				.doOnNext((reply) -> answered.incrementAndGet())
				.onErrorResume((failure) -> {
					failures.add(failure);
					return Mono.empty();
				})
				.repeat(running::get), 3)
			.subscribe();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= 6);
			redis.stop();
			int atKill = answered.get();
			// Every instance meets the dead Redis, and its calls go on.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> states.stream().noneMatch(ClusterState::isShared) && answered.get() >= atKill + 12);
			redis.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> states.stream().allMatch(ClusterState::isShared));
			int atReturn = answered.get();
			await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= atReturn + 6);
		}
		finally {
			running.set(false);
		}
		await().atMost(Duration.ofSeconds(20)).until(callers::isDisposed);
		assertThat(failures).isEmpty();
		assertThat(this.stub.count()).isEqualTo(answered.get());
		// Shared again: the first instance takes what is left of the one bucket
		// (calls
		// refused at once rather than waiting), and the other two find it empty, but
		// for what refilled meanwhile (2 a second).
		this.stub.delay = Duration.ZERO;
		long start = System.nanoTime();
		int first = admittedWithoutWaiting(chat.get(0), perMinute + 10);
		int others = admittedWithoutWaiting(chat.get(1), 20) + admittedWithoutWaiting(chat.get(2), 20);
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		assertThat(first).isPositive().isLessThanOrEqualTo(perMinute);
		assertThat(others).isLessThanOrEqualTo((int) Math.ceil(elapsedSeconds * perMinute / 60) + 1);
		assertThat(redis.command("EXISTS " + this.keyPrefix + ":bucket:{xingyun}:rpm")).isEqualTo(":1");
	}

	/**
	 * Sends the calls at once, each refused at once when there is no capacity; the number
	 * answered.
	 */
	private static int admittedWithoutWaiting(ChatTemplate chat, int calls) {
		AtomicInteger refused = new AtomicInteger();
		List<?> answered = Flux.range(0, calls)
			.flatMap((i) -> chat.chat(REQUEST)
				.contextWrite((context) -> context.put(CallAdmission.NO_WAIT, true))
				.onErrorResume(ChatCapacityException.class, (refusal) -> {
					refused.incrementAndGet();
					return Mono.empty();
				}), calls)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(answered.size() + refused.get()).isEqualTo(calls);
		return answered.size();
	}

	private List<ChatTemplate> startThree(String... properties) {
		List<ChatTemplate> templates = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ConfigurableApplicationContext instance = new SpringApplicationBuilder(Instance.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(Stream.of(redis.springProperties(), common(), properties)
					.flatMap(Stream::of)
					.toArray(String[]::new))
				.run();
			this.instances.add(instance);
			templates.add(instance.getBean(ChatTemplate.class));
		}
		return templates;
	}

	private String[] common() {
		return new String[] { "chat.cluster.store=redis", "chat.cluster.key-prefix=" + this.keyPrefix,
				"chat.cluster.refresh-interval=200ms", "chat.cluster.command-timeout=2s",
				"chat.providers.xingyun.base-url=" + this.stub.server.baseUrl(),
				"chat.providers.xingyun.default-model=gpt-4", "chat.providers.xingyun.retry.max-attempts=1" };
	}

	/** One instance: the application's own configuration is the auto-configuration. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Instance {

	}

	/**
	 * The provider: answers every call (after {@link #delay}), but 401 to
	 * {@link #BAD_KEY}; counts the requests by key and keeps when each arrived.
	 */
	private static final class Stub implements AutoCloseable {

		private final Queue<Long> times = new ConcurrentLinkedQueue<>();

		private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

		private final AtomicInteger count = new AtomicInteger();

		private volatile Duration delay = Duration.ZERO;

		private final ScriptedUpstream server = new ScriptedUpstream(this::answer);

		private Publisher<Void> answer(HttpServerRequest request, String body, HttpServerResponse response) {
			this.times.add(System.nanoTime());
			String authorization = String.valueOf(request.requestHeaders().get("Authorization"));
			this.byKey.computeIfAbsent(authorization, (key) -> new AtomicInteger()).incrementAndGet();
			this.count.incrementAndGet();
			if (authorization.equals("Bearer " + BAD_KEY)) {
				return ScriptedUpstream.status(response, 401,
						"{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");
			}
			Mono<Void> reply = ScriptedUpstream.status(response, 200, ScriptedUpstream.completion("好"));
			Duration wait = this.delay;
			return wait.isZero() ? reply : Mono.delay(wait).then(reply);
		}

		int count() {
			return this.count.get();
		}

		int count(String key) {
			AtomicInteger counted = this.byKey.get("Bearer " + key);
			return (counted != null) ? counted.get() : 0;
		}

		List<Long> times() {
			return this.times.stream().sorted().toList();
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
