package io.github.chatstarter.tokens;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Looks a model up among a provider's own limits by its exact name (case ignored), then
 * in {@link ModelLimitDefaults}.
 */
final class DefaultModelLimitsRegistry implements ModelLimitsRegistry {

	static final DefaultModelLimitsRegistry DEFAULTS = new DefaultModelLimitsRegistry(Map.of());

	/** Keyed by provider name, then the model's normalized name. */
	private final Map<String, Map<String, ModelLimits>> providers;

	private DefaultModelLimitsRegistry(Map<String, Map<String, ModelLimits>> providers) {
		this.providers = providers;
	}

	@Override
	public @Nullable ModelLimits find(@Nullable String provider, String model) {
		Objects.requireNonNull(model, "model");
		if (provider != null && !this.providers.isEmpty()) {
			Map<String, ModelLimits> own = this.providers.get(provider);
			ModelLimits limits = (own != null) ? own.get(ModelLimitDefaults.normalize(model)) : null;
			if (limits != null) {
				return limits;
			}
		}
		return ModelLimitDefaults.find(model);
	}

	@Override
	public String toString() {
		return "ModelLimitsRegistry{overrides=" + this.providers + "}";
	}

	static final class Builder implements ModelLimitsRegistry.Builder {

		private final Map<String, Map<String, ModelLimits>> providers = new HashMap<>();

		@Override
		public ModelLimitsRegistry.Builder limits(String provider, String model, ModelLimits limits) {
			Objects.requireNonNull(provider, "provider");
			Objects.requireNonNull(model, "model");
			Objects.requireNonNull(limits, "limits");
			this.providers.computeIfAbsent(provider, (name) -> new HashMap<>())
				.put(ModelLimitDefaults.normalize(model), limits);
			return this;
		}

		@Override
		public ModelLimitsRegistry build() {
			if (this.providers.isEmpty()) {
				return DEFAULTS;
			}
			Map<String, Map<String, ModelLimits>> copy = new HashMap<>();
			this.providers.forEach((provider, models) -> copy.put(provider, Map.copyOf(models)));
			return new DefaultModelLimitsRegistry(Map.copyOf(copy));
		}

	}

}
