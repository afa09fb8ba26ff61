package io.github.chatstarter.prompt;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatContentFilterException;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.ResponseFormat;
import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One typed answer: the schema sent the way the provider takes it, the answer read
 * leniently and validated, a rejected format followed by the next mode, an invalid answer
 * sent back for repair.
 */
final class StructuredCall {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final AnswerSchema schema;

	private final StructuredOutputSettings settings;

	private final Function<ChatRequest, Mono<ChatResponse>> exchange;

	StructuredCall(AnswerSchema schema, StructuredOutputSettings settings,
			Function<ChatRequest, Mono<ChatResponse>> exchange) {
		this.schema = schema;
		this.settings = settings;
		this.exchange = exchange;
	}

	Mono<ChatEntity<Object>> call(ChatRequest request) {
		return Mono.defer(
				() -> round(request, this.settings.modeFor(request.model(), null), this.settings.maxRepairs(), null));
	}

	/**
	 * @param earlier usage of the earlier rounds, {@code null} while none reported any
	 */
	private Mono<ChatEntity<Object>> round(ChatRequest conversation, StructuredOutputMode mode, int repairsLeft,
			@Nullable Usage earlier) {
		return send(conversation, mode).flatMap((sent) -> {
			ChatResponse response = sent.response();
			this.settings.served(conversation.model(), response.provider());
			Usage usage = Usage.total(earlier, response.usage());
			ChatResponse counted = (usage != null) ? response.mutate().usage(usage).build() : response;
			Optional<ChatEntity<Object>> entity = read(counted);
			if (entity.isPresent()) {
				return Mono.just(entity.get());
			}
			String raw = response.content();
			// Rare, and the validator's messages may be read from the class path: off the
			// network thread.
			return Mono.fromCallable(() -> errors(raw)).subscribeOn(Schedulers.boundedElastic()).flatMap((errors) -> {
				if (repairsLeft <= 0) {
					return Mono.error(new ChatStructuredOutputException(
							"The answer does not follow the JSON schema of " + this.schema.type().getTypeName() + " ("
									+ this.settings.maxRepairs() + " repair rounds): " + errors,
							response.provider(), raw, errors));
				}
				return round(repairRequest(conversation, raw, errors), sent.mode(), repairsLeft - 1, usage);
			});
		});
	}

	/**
	 * The reply to the conversation sent in the mode, or in the next one when the
	 * provider rejects it.
	 */
	private Mono<Sent> send(ChatRequest conversation, StructuredOutputMode mode) {
		return this.exchange.apply(withFormat(conversation, mode))
			.map((response) -> new Sent(response, mode))
			.onErrorResume(StructuredCall::rejectsFormat, (ex) -> {
				StructuredOutputMode next = this.settings.rejected(conversation.model(),
						((ChatBadRequestException) ex).getProvider(), mode);
				return (next != null && next != mode) ? send(conversation, next) : Mono.error(ex);
			});
	}

	private record Sent(ChatResponse response, StructuredOutputMode mode) {
	}

	private Optional<ChatEntity<Object>> read(ChatResponse response) {
		ChatMessage message = response.message();
		if (message.refusal() != null && !message.refusal().isBlank()) {
			throw new ChatRefusalException(response.provider(), message.refusal());
		}
		if (response.isContentFiltered()) {
			throw new ChatRefusalException(response.provider(), "content_filter");
		}
		String raw = response.content();
		try {
			JsonNode value = JSON.readTree(LenientJson.extract(raw));
			if (!this.schema.conforms(value)) {
				return Optional.empty();
			}
			Object entity = JSON.convertValue(value, JSON.constructType(this.schema.type()));
			return Optional.of(new ChatEntity<>(entity, response));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What is wrong with the answer: the parse error, or what the schema finds.
	 */
	private List<String> errors(String raw) {
		try {
			JsonNode value = JSON.readTree(LenientJson.extract(raw));
			List<String> found = this.schema.validate(value);
			if (!found.isEmpty()) {
				return found;
			}
			JSON.convertValue(value, JSON.constructType(this.schema.type()));
			return List.of();
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return List.of("Not valid JSON of the expected type: "
					+ ((ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage()));
		}
	}

	private static ChatRequest repairRequest(ChatRequest conversation, String raw, List<String> errors) {
		return conversation.mutate()
			.message(ChatMessage.assistant(raw))
			.message(ChatMessage.user("Your answer does not follow the JSON schema: " + String.join("; ", errors)
					+ ". Answer again with only the corrected JSON."))
			.build();
	}

	/**
	 * The request as the mode sends the schema: in {@code response_format}, in a system
	 * message, or both.
	 */
	private ChatRequest withFormat(ChatRequest request, StructuredOutputMode mode) {
		ChatRequest.Builder builder = request.mutate();
		switch (mode) {
			case JSON_SCHEMA, AUTO ->
				builder.responseFormat(ResponseFormat.jsonSchema(this.schema.name(), this.schema.schema(), true));
			case JSON_OBJECT -> builder.responseFormat(ResponseFormat.jsonObject()).messages(withInstruction(request));
			case PROMPT -> builder.responseFormat(null).messages(withInstruction(request));
		}
		return builder.build();
	}

	/**
	 * The messages with the instruction and schema joined to the first system message
	 * (relays such as ernie-bot take only one, and only first), or put first when there
	 * is none.
	 */
	private List<ChatMessage> withInstruction(ChatRequest request) {
		String instruction = "Answer with only a JSON value, no other text, that follows this JSON schema: "
				+ JSON.writeValueAsString(this.schema.schema());
		List<ChatMessage> messages = new java.util.ArrayList<>(request.messages());
		ChatMessage first = messages.get(0);
		if (ChatMessage.SYSTEM.equals(first.role()) && first.content() != null) {
			messages.set(0, ChatMessage.system(first.content() + "\n\n" + instruction));
		}
		else {
			messages.add(0, ChatMessage.system(instruction));
		}
		return messages;
	}

	/**
	 * Whether the provider said no to the {@code response_format} itself, not to the
	 * prompt.
	 */
	private static boolean rejectsFormat(Throwable ex) {
		if (!(ex instanceof ChatBadRequestException) || ex instanceof ChatContentFilterException) {
			return false;
		}
		ChatBadRequestException badRequest = (ChatBadRequestException) ex;
		String said = (badRequest.getMessage() + " " + badRequest.getUpstreamMessage()).toLowerCase(Locale.ROOT);
		return said.contains("response_format") || said.contains("json_schema");
	}

}
