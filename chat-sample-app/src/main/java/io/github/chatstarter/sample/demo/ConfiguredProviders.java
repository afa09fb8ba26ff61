package io.github.chatstarter.sample.demo;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What the environment post-processors need to know of {@code chat.providers} before the starter binds
 * it: each provider's {@code enabled} switch and {@code api-key}, placeholders resolved.
 */
final class ConfiguredProviders {

	private static final Bindable<Map<String, Provider>> PROVIDERS = Bindable.mapOf(String.class, Provider.class);

	private ConfiguredProviders() {
	}

	/**
	 * The configured providers by name, in configuration order.
	 */
	static Map<String, Provider> of(Environment environment) {
		return Binder.get(environment).bind("chat.providers", PROVIDERS).orElse(Map.of());
	}

	/**
	 * One provider's switch and key.
	 *
	 * @param enabled the {@code enabled} property, {@code null} when not set
	 * @param apiKey the {@code api-key} property, {@code null} when not set
	 */
	record Provider(@Nullable Boolean enabled, @Nullable String apiKey) {

		boolean hasApiKey() {
			return this.apiKey != null && !this.apiKey.isBlank();
		}

		boolean isEnabled() {
			return !Boolean.FALSE.equals(this.enabled);
		}

	}

}
