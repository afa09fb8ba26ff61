package io.github.chatstarter.sample.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves out every provider of {@code chat.providers} whose {@code api-key} is blank and
 * whose {@code enabled} is not set, so {@code application.yml} can list the example
 * relays with {@code api-key: ${XINGYUN_API_KEY:}} and each is used exactly when its key
 * variable is set.
 */
public class KeylessProvidersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Runs after {@code application.yml} is loaded. */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 100;

	static final String PROPERTY_SOURCE_NAME = "chatSampleKeylessProviders";

	private final Log logger;

	public KeylessProvidersEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(KeylessProvidersEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> disabled = new LinkedHashMap<>();
		ConfiguredProviders.of(environment).forEach((name, provider) -> {
			if (provider.enabled() == null && !provider.hasApiKey()) {
				disabled.put("chat.providers." + name + ".enabled", false);
				this.logger.info("Provider '" + name + "' is left out: its api-key is blank (set its key variable "
						+ "to use it)");
			}
		});
		if (!disabled.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, disabled));
		}
	}

}
