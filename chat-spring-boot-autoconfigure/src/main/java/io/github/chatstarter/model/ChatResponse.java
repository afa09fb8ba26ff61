package io.github.chatstarter.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A non-streamed chat-completion reply, with the name of the configured provider that
 * gave it.
 */
@JsonModel
public final class ChatResponse extends UnknownFields {

	/** Injectable-value id under which readers pass the answering provider's name. */
	public static final String PROVIDER_INJECTABLE = "io.github.chatstarter.provider";

	private @Nullable String id;

	private @Nullable String object;

	/**
	 * Boxed: Jackson 3 fails on {@code "created": null} for a primitive, which some
	 * relays send.
	 */
	private @Nullable Long created;

	private @Nullable String model;

	private List<ChatChoice> choices = List.of();

	private @Nullable Usage usage;

	private @Nullable String systemFingerprint;

	private @Nullable String serviceTier;

	@JacksonInject(value = PROVIDER_INJECTABLE, optional = OptBoolean.TRUE)
	private @Nullable String provider;

	private ChatResponse() {
	}

	private ChatResponse(Builder builder) {
		super(builder.extra);
		this.id = builder.id;
		this.object = "chat.completion";
		this.created = builder.created;
		this.model = builder.model;
		this.choices = List.copyOf(builder.choices);
		this.usage = builder.usage;
		this.systemFingerprint = builder.systemFingerprint;
		this.serviceTier = builder.serviceTier;
		this.provider = builder.provider;
	}

	/**
	 * A builder of a reply, for tests and for templates that assemble one.
	 * @return an empty builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Id the provider gave the reply.
	 * @return the id or {@code null}
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Object type the provider sent, normally {@code chat.completion}.
	 * @return the type or {@code null}
	 */
	public @Nullable String object() {
		return this.object;
	}

	/**
	 * Unix time in seconds when the reply was created.
	 */
	public long created() {
		return (this.created != null) ? this.created : 0L;
	}

	/**
	 * The model that answered, as the provider names it (may differ from the requested
	 * one).
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Choices of the reply; one unless the request asked for more with {@code n}.
	 * @return the choices
	 */
	public List<ChatChoice> choices() {
		return (this.choices != null) ? this.choices : List.of();
	}

	/**
	 * Tokens the call used, when the provider reports them.
	 * @return the usage or {@code null}
	 */
	public @Nullable Usage usage() {
		return this.usage;
	}

	/**
	 * Fingerprint of the provider's backend configuration.
	 * @return the fingerprint or {@code null}
	 */
	public @Nullable String systemFingerprint() {
		return this.systemFingerprint;
	}

	/**
	 * Service tier the provider used.
	 * @return the tier or {@code null}
	 */
	public @Nullable String serviceTier() {
		return this.serviceTier;
	}

	/**
	 * Name of the configured provider that answered ({@code chat.providers.<name>}).
	 */
	public @Nullable String provider() {
		return this.provider;
	}

	/**
	 * The first choice's message.
	 */
	public ChatMessage message() {
		List<ChatChoice> all = choices();
		return all.isEmpty() ? ChatMessage.builder().role(ChatMessage.ASSISTANT).build() : all.get(0).message();
	}

	/**
	 * The first choice's text, or {@code ""} when it has none.
	 */
	public String content() {
		String content = message().content();
		return (content != null) ? content : "";
	}

	/**
	 * The first choice's reasoning text, or {@code null}.
	 */
	public @Nullable String reasoningContent() {
		return message().reasoningContent();
	}

	/**
	 * The first choice's tool calls.
	 */
	public List<ToolCall> toolCalls() {
		return message().toolCalls();
	}

	/**
	 * The first choice's finish reason.
	 */
	public @Nullable String finishReason() {
		List<ChatChoice> all = choices();
		return all.isEmpty() ? null : all.get(0).finishReason();
	}

	/**
	 * Whether the provider's content review cut the first choice's answer.
	 */
	public boolean isContentFiltered() {
		return FinishReasons.isContentFiltered(finishReason());
	}

	/**
	 * A builder that starts from this reply.
	 */
	public Builder mutate() {
		return new Builder().id(this.id)
			.created(created())
			.model(this.model)
			.choices(choices())
			.usage(this.usage)
			.systemFingerprint(this.systemFingerprint)
			.serviceTier(this.serviceTier)
			.provider(this.provider)
			.extra(extra());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ChatResponse that && Objects.equals(this.id, that.id)
				&& created() == that.created() && Objects.equals(this.model, that.model)
				&& Objects.equals(this.choices, that.choices) && Objects.equals(this.usage, that.usage)
				&& Objects.equals(this.provider, that.provider));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.model, this.choices);
	}

	@Override
	public String toString() {
		return "ChatResponse{id=" + this.id + ", provider=" + this.provider + ", model=" + this.model + ", choices="
				+ this.choices + ", usage=" + this.usage + "}";
	}

	/**
	 * Builds a {@link ChatResponse}, for example from aggregated stream chunks or in
	 * tests.
	 */
	public static final class Builder {

		private @Nullable String id;

		private long created;

		private @Nullable String model;

		private List<ChatChoice> choices = List.of();

		private @Nullable Usage usage;

		private @Nullable String systemFingerprint;

		private @Nullable String serviceTier;

		private @Nullable String provider;

		private @Nullable Map<String, Object> extra;

		private Builder() {
		}

		/**
		 * Sets the id.
		 * @param id the id
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Sets the creation time.
		 * @param created Unix time in seconds
		 * @return this builder
		 */
		public Builder created(long created) {
			this.created = created;
			return this;
		}

		/**
		 * Sets the model that answered.
		 * @param model the model name
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the choices.
		 * @param choices the choices
		 * @return this builder
		 */
		public Builder choices(List<ChatChoice> choices) {
			this.choices = List.copyOf(choices);
			return this;
		}

		/**
		 * Sets the token usage.
		 * @param usage the usage
		 * @return this builder
		 */
		public Builder usage(@Nullable Usage usage) {
			this.usage = usage;
			return this;
		}

		/**
		 * Sets the system fingerprint.
		 * @param systemFingerprint the fingerprint
		 * @return this builder
		 */
		public Builder systemFingerprint(@Nullable String systemFingerprint) {
			this.systemFingerprint = systemFingerprint;
			return this;
		}

		/**
		 * Sets the service tier.
		 * @param serviceTier the tier
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Sets the name of the configured provider that answered.
		 * @param provider the provider name
		 * @return this builder
		 */
		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Sets the fields the model has no property for.
		 * @param extra the fields by name
		 * @return this builder
		 */
		public Builder extra(Map<String, Object> extra) {
			this.extra = Extras.copy(extra);
			return this;
		}

		/**
		 * Builds the reply.
		 * @return the immutable reply
		 */
		public ChatResponse build() {
			return new ChatResponse(this);
		}

	}

}
