package io.github.chatstarter.sample.demo;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * What the environment post-processors need to know of {@code chat.providers} before the
 * starter binds it: each provider's {@code enabled} switch and {@code api-key},
 * placeholders resolved.
 */
final class ConfiguredProviders {

	private static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName.of("chat.providers");

	private static final Bindable<Provider> PROVIDER = Bindable.of(Provider.class);

	private ConfiguredProviders() {
	}

	/**
	 * The configured providers by name, in configuration order. A provider counts as
	 * configured as soon as any of its properties is set.
	 */
	static Map<String, Provider> of(Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, Provider> providers = new LinkedHashMap<>();
		for (String name : names(environment)) {
			providers.put(name, binder.bind(PROVIDERS.append(name), PROVIDER).orElse(new Provider(null, null)));
		}
		return providers;
	}

	// Binding a map of records would drop the providers that set neither field, so the
	// names are
	// collected from the property names themselves.
	private static Set<String> names(Environment environment) {
		int depth = PROVIDERS.getNumberOfElements();
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(PROVIDERS::isAncestorOf)
					.forEach((property) -> names.add(property.getElement(depth, Form.DASHED)));
			}
		}
		return names;
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
