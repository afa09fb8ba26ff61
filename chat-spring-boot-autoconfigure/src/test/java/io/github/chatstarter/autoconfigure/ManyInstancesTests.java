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
		// The burst (the bucket starts full), then twelve seconds' worth at the
		// configured rate.
		int target = perMinute + 120;
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
				.repeat(() -> this.stub.count() < target), 200)
			.blockLast(Duration.ofSeconds(120));
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		assertThat(failures).isEmpty();
		assertThat(refused.get()).isPositive();
		// Every admitted call reached the stub once, and nothing else did.
		assertThat(this.stub.count()).isEqualTo(admitted.get());
		// What the configuration allows over the run: the full bucket it starts with and
		// what refilled while the callers ran. The three instances together admit that,
		// within 5 %, never more (the 200 callers always wait, so each refilled share is
		// taken at once).
		double allowed = perMinute + perSecond * elapsedSeconds;
		assertThat((double) admitted.get()).as("admitted in %.2f s, %.0f allowed", elapsedSeconds, allowed)
			.isLessThanOrEqualTo(allowed + 1)
			.isGreaterThanOrEqualTo(allowed * 0.95);
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
	void anInstanceThatJoinsLateShouldSkipAKeyTheOthersRejectedFromItsFirstCall() {
		String keys = "chat.providers.xingyun.api-keys=" + BAD_KEY + "," + GOOD_KEY;
		ChatTemplate first = start(1, keys).get(0);
		assertThat(first.chat(REQUEST).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
		String mark = this.keyPrefix + ":aside:key:xingyun " + ProviderRateLimiter.fingerprintOf(BAD_KEY);
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.command("HEXISTS " + mark).equals(":1"));
		ChatTemplate late = start(1, keys).get(0);
		assertThat(late.chat(REQUEST).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
		assertThat(this.stub.count(GOOD_KEY)).isEqualTo(2);
	}

	@Test
	void aKeyRejectedWhileRedisWasDownShouldBeSharedWhenItReturns() {
		List<ChatTemplate> chat = startThree("chat.providers.xingyun.api-keys=" + BAD_KEY + "," + GOOD_KEY);
		ClusterState alone = this.instances.get(0).getBean(ClusterState.class);
		redis.stop();
		assertThat(chat.get(0).chat(REQUEST).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> !alone.isShared());
		// A restarted Redis (no persistence here) knows nothing of the key.
		redis.start();
		String fingerprint = ProviderRateLimiter.fingerprintOf(BAD_KEY);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.instances.stream()
				.map((instance) -> instance.getBean(ClusterState.class))
				.allMatch((state) -> state.isShared() && state.setAside("key:xingyun", fingerprint) != null));
		Flux.range(0, 6).flatMap((i) -> chat.get(1 + i % 2).chat(REQUEST), 2).blockLast(Duration.ofSeconds(30));
		assertThat(this.stub.count(BAD_KEY)).isEqualTo(1);
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
		return start(3, properties);
	}

	private List<ChatTemplate> start(int count, String... properties) {
		List<ChatTemplate> templates = new ArrayList<>();
		for (int i = 0; i < count; i++) {
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
