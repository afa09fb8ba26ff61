package io.github.chatstarter.sample.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the sample run offline: when no provider of {@code chat.providers} is left
 * enabled (no key variable is set), starts the {@link DemoUpstream} and configures it as
 * provider {@value #PROVIDER}. This has to happen before the starter's auto-configuration
 * binds {@code chat.*}, hence an environment post-processor; the upstream stops when the
 * application context closes.
 * <p>
 * {@code sample.demo.chunk-delay} (default 40ms) is the pause before each streamed event;
 * {@code sample.demo.rate-limit.*} become the demo provider's
 * {@code chat.providers.demo.rate-limit.*}. In demo mode {@code chat.failover.cooldown}
 * is 1ms, so a simulated error does not put the demo provider aside.
 */
public class DemoUpstreamEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the demo provider under {@code chat.providers}. */
	public static final String PROVIDER = "demo";

	/** Runs once keyless providers are switched off. */
	public static final int ORDER = KeylessProvidersEnvironmentPostProcessor.ORDER + 1;

	static final String PROPERTY_SOURCE_NAME = "chatSampleDemoUpstream";

	/**
	 * The demo provider's {@code rate-limit.*}, copied under its {@code chat.providers}
	 * entry.
	 */
	static final String RATE_LIMIT = "sample.demo.rate-limit";

	private static final Duration DEFAULT_CHUNK_DELAY = Duration.ofMillis(40);

	private static final String DEMO_COOLDOWN = "1ms";

	private final Log logger;

	public DemoUpstreamEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoUpstreamEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> enabled = ConfiguredProviders.of(environment)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isEnabled())
			.map(Map.Entry::getKey)
			.toList();
		if (!enabled.isEmpty()) {
			this.logger.info("Chatting through " + enabled + "; the demo upstream is not started");
			return;
		}
		Duration chunkDelay = Binder.get(environment)
			.bind("sample.demo.chunk-delay", Duration.class)
			.orElse(DEFAULT_CHUNK_DELAY);
		DemoUpstream upstream = DemoUpstream.start(chunkDelay);
		application.addListeners(new DemoUpstreamStopper(upstream));
		Map<String, Object> properties = properties(upstream);
		// The demo provider exists only once started, so its limits come from
		// sample.demo.rate-limit.* (the cluster profile sets them).
		Binder.get(environment)
			.bind(RATE_LIMIT, Bindable.mapOf(String.class, String.class))
			.ifBound((limits) -> limits
				.forEach((name, value) -> properties.put("chat.providers." + PROVIDER + ".rate-limit." + name, value)));
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		this.logger.info("No provider key is set: started the demo upstream at " + upstream.baseUrl() + " as provider '"
				+ PROVIDER + "'");
	}

	private static Map<String, Object> properties(DemoUpstream upstream) {
		String prefix = "chat.providers." + PROVIDER + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("chat.default-provider", PROVIDER);
		properties.put(prefix + "base-url", upstream.baseUrl());
		properties.put(prefix + "api-key", DemoUpstream.API_KEY);
		properties.put(prefix + "default-model", DemoUpstream.MODELS.get(0));
		properties.put(prefix + "models", String.join(",", DemoUpstream.MODELS));
		properties.put(prefix + "stream-usage", true);
		// The demo's errors answer single questions, they are not the state of an
		// account: the starter
		// must not set the provider aside after one (as it does after a real quota or key
		// failure), or
		// every question after "quota" would fail for the whole cooldown.
		properties.put("chat.failover.cooldown", DEMO_COOLDOWN);
		return properties;
	}

}
