package io.github.chatstarter.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * How typed answers reach each provider ({@code chat.providers.<name>.structured-output})
 * and how many repair rounds an invalid answer gets. It also remembers, per provider and
 * model, the mode that {@link StructuredOutputMode#AUTO} fell back to, so that the
 * rejected call is paid once. The auto-configuration builds one from the properties;
 * {@link #defaults()} is {@code auto} everywhere and one repair round. Thread-safe.
 */
public final class StructuredOutputSettings {

	/** One repair round unless configured otherwise. */
	public static final int DEFAULT_MAX_REPAIRS = 1;

	private static final Log logger = LogFactory.getLog(StructuredOutputSettings.class);

	private final Map<String, StructuredOutputMode> modes;

	private final int maxRepairs;

	/**
	 * The mode all providers share, so that it applies before any provider has answered.
	 */
	private final StructuredOutputMode sharedMode;

	/** What {@code auto} learnt, by provider and model. */
	private final Map<String, StructuredOutputMode> learnt = new ConcurrentHashMap<>();

	/**
	 * Which provider served a model last, to pick that provider's mode before the call.
	 */
	private final Map<String, String> providerOfModel = new ConcurrentHashMap<>();

	private StructuredOutputSettings(Map<String, StructuredOutputMode> modes, int maxRepairs) {
		this.modes = Map.copyOf(modes);
		this.maxRepairs = maxRepairs;
		this.sharedMode = (modes.isEmpty() || new java.util.HashSet<>(modes.values()).size() > 1)
				? StructuredOutputMode.AUTO : modes.values().iterator().next();
	}

	/**
	 * {@code auto} for every provider and one repair round.
	 */
	public static StructuredOutputSettings defaults() {
		return builder().build();
	}

	/**
	 * A builder of settings.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * How many times an answer that does not validate is sent back with its errors.
	 */
	public int maxRepairs() {
		return this.maxRepairs;
	}

	/**
	 * The configured mode of the provider ({@code auto} when it has none).
	 */
	public StructuredOutputMode configuredMode(@Nullable String provider) {
		return (provider != null) ? this.modes.getOrDefault(provider, StructuredOutputMode.AUTO)
				: StructuredOutputMode.AUTO;
	}

	/**
	 * The mode to send a request for the model with: that of the provider that served it
	 * last, after what {@code auto} learnt there.
	 */
	StructuredOutputMode modeFor(@Nullable String model, @Nullable String provider) {
		String served = (provider != null) ? provider : this.providerOfModel.get(String.valueOf(model));
		StructuredOutputMode configured = (served != null) ? configuredMode(served) : this.sharedMode;
		if (configured != StructuredOutputMode.AUTO) {
			return configured;
		}
		return this.learnt.getOrDefault(key(served, model), StructuredOutputMode.JSON_SCHEMA);
	}

	/**
	 * Remembers that the provider served the model.
	 */
	void served(@Nullable String model, @Nullable String provider) {
		if (provider != null) {
			this.providerOfModel.put(String.valueOf(model), provider);
		}
	}

	/**
	 * The mode to retry with after the provider rejected {@code rejected}, or
	 * {@code null} when the provider's mode is fixed (not {@code auto}) or nothing is
	 * left to fall back to. Logged once per provider and model.
	 */
	@Nullable StructuredOutputMode rejected(@Nullable String model, @Nullable String provider, StructuredOutputMode rejected) {
		served(model, provider);
		StructuredOutputMode configured = configuredMode(provider);
		if (configured != StructuredOutputMode.AUTO) {
			return (configured != rejected) ? configured : null;
		}
		if (rejected == StructuredOutputMode.PROMPT) {
			return null;
		}
		StructuredOutputMode next = rejected.fallback();
		if (this.learnt.put(key(provider, model), next) != next) {
			logger.info("Provider '" + provider + "' rejected response_format " + rejected + " for model '" + model
					+ "'; typed answers use structured-output " + next + " there from now on");
		}
		return next;
	}

	private static String key(@Nullable String provider, @Nullable String model) {
		return provider + "\u0000" + model;
	}

	@Override
	public String toString() {
		return "StructuredOutputSettings{modes=" + this.modes + ", maxRepairs=" + this.maxRepairs + "}";
	}

	/**
	 * Builds {@link StructuredOutputSettings}.
	 */
	public static final class Builder {

		private final Map<String, StructuredOutputMode> modes = new LinkedHashMap<>();

		private int maxRepairs = DEFAULT_MAX_REPAIRS;

		private Builder() {
		}

		/**
		 * How typed answers reach the named provider.
		 */
		public Builder mode(String provider, StructuredOutputMode mode) {
			this.modes.put(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(mode, "mode"));
			return this;
		}

		/**
		 * How many repair rounds an invalid answer gets (default 1; 0 switches repairs
		 * off).
		 */
		public Builder maxRepairs(int maxRepairs) {
			if (maxRepairs < 0) {
				throw new IllegalArgumentException("maxRepairs must not be negative, but was " + maxRepairs);
			}
			this.maxRepairs = maxRepairs;
			return this;
		}

		/**
		 * The settings.
		 */
		public StructuredOutputSettings build() {
			return new StructuredOutputSettings(this.modes, this.maxRepairs);
		}

	}

}
