package io.github.chatstarter.tokens;

import org.jspecify.annotations.Nullable;

/**
 * How many tokens each model holds, per provider: a provider's own limits (from
 * {@code chat.providers.<name>.model-limits.<model>.*}) first, then the starter's
 * defaults for the models the relays document and the well-known families (gpt-3.5/4/4o/
 * 4.1/5 and o-series, deepseek, qwen, glm, moonshot/kimi, ernie, spark, claude). A model
 * found in neither has no known limit. Thread-safe and immutable.
 */
public interface ModelLimitsRegistry {

	/**
	 * The limits of a model at a provider.
	 * @param provider name of the provider, or {@code null} for the defaults alone
	 * @param model the model's name as a request gives it
	 * @return its limits, or {@code null} when no limit is known
	 */
	@Nullable ModelLimits find(@Nullable String provider, String model);

	/**
	 * The starter's defaults alone.
	 * @return the registry of the defaults
	 */
	static ModelLimitsRegistry defaults() {
		return DefaultModelLimitsRegistry.DEFAULTS;
	}

	/**
	 * A builder that starts from the defaults.
	 * @return a new builder
	 */
	static Builder builder() {
		return new DefaultModelLimitsRegistry.Builder();
	}

	/**
	 * Builds a {@link ModelLimitsRegistry}.
	 */
	interface Builder {

		/**
		 * Sets a model's limits at one provider, replacing the default.
		 * @param provider name of the provider
		 * @param model the model's name, matched without regard to case
		 * @param limits its limits
		 * @return this builder
		 */
		Builder limits(String provider, String model, ModelLimits limits);

		/**
		 * Builds the registry.
		 * @return the registry
		 */
		ModelLimitsRegistry build();

	}

}
