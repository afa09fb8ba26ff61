package io.github.chatstarter.prompt;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.chatstarter.memory.ConversationMemory;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.tool.ToolCalling;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A prompt, said fluently, and what to get back from it: <pre class="code">
 * Weather weather = chatTemplate.prompt()
 *     .system("你是天气助手")
 *     .user("杭州今天天气怎么样？")
 *     .tools(weatherService)
 *     .call()
 *     .entity(Weather.class)
 *     .block();
 * Flux&lt;String&gt; text = chatTemplate.prompt().user(question).stream().content();
 * </pre> A prompt is immutable: every method returns a new prompt and leaves this one as
 * it was, so one prompt with the system message and options set can be kept and reused
 * for many calls, from many threads. Nothing is sent until the result of {@link #call()}
 * or {@link #stream()} is subscribed to. Get one from
 * {@link io.github.chatstarter.ChatTemplate#prompt()}.
 */
public interface ChatPrompt {

	/**
	 * An empty prompt that sends its requests with the given functions, usually a
	 * template's {@code chat} and {@code stream}.
	 */
	static ChatPrompt of(Function<ChatRequest, Mono<ChatResponse>> chat,
			Function<ChatRequest, Flux<ChatChunk>> stream) {
		return new DefaultChatPrompt(Objects.requireNonNull(chat, "chat"), Objects.requireNonNull(stream, "stream"));
	}

	/**
	 * The model to ask; without one the provider's default model.
	 */
	ChatPrompt model(String model);

	/**
	 * Adds a system message.
	 */
	ChatPrompt system(String text);

	/**
	 * Adds a user message.
	 */
	ChatPrompt user(String text);

	/**
	 * Adds a message of any role.
	 */
	ChatPrompt message(ChatMessage message);

	/**
	 * Adds the messages, oldest first.
	 */
	ChatPrompt messages(List<ChatMessage> messages);

	/**
	 * Sampling temperature.
	 */
	ChatPrompt temperature(double temperature);

	/**
	 * The most tokens the answer may have.
	 */
	ChatPrompt maxTokens(int maxTokens);

	/**
	 * Sequences where the model stops.
	 */
	ChatPrompt stop(String... stop);

	/**
	 * A vendor field at the top level of the body, such as ai-gs's {@code online}.
	 */
	ChatPrompt extraBody(String name, Object value);

	/**
	 * Any other option of the request, set on its builder.
	 */
	ChatPrompt options(Consumer<ChatRequest.Builder> options);

	/**
	 * How typed answers reach the providers and how many repair rounds they get; by
	 * default {@link StructuredOutputSettings#defaults()}, or the auto-configured
	 * settings on the auto-configured {@code ChatPrompt} bean.
	 */
	ChatPrompt structuredOutput(StructuredOutputSettings settings);

	/**
	 * Lets the model call the {@link io.github.chatstarter.tool.ChatTool} methods of the
	 * objects (any objects or Spring beans): the prompt then runs the tool loop, calling
	 * the methods the model asks for and sending their results back until it answers. The
	 * tools replace any set before.
	 * @param beans objects with {@code @ChatTool} methods
	 * @return a new prompt
	 * @throws IllegalArgumentException at once, naming the method, for an invalid tool
	 * definition
	 */
	ChatPrompt tools(Object... beans);

	/**
	 * Runs the given tool loop on every call, for tools registered with handlers or
	 * options such as {@code maxRounds}; replaces any tools set before.
	 * @param tools the tool loop
	 * @return a new prompt
	 */
	ChatPrompt toolCalling(ToolCalling tools);

	/**
	 * The conversations that {@link #conversation(String)} keeps calls in; the
	 * auto-configured {@code ChatPrompt} bean and primary {@code ChatTemplate} have the
	 * auto-configured ones.
	 * @param memory the conversation memory
	 * @return a prompt with the memory
	 */
	ChatPrompt memory(ConversationMemory memory);

	/**
	 * Makes the calls of this prompt turns of a conversation: its stored history goes
	 * between the system messages and the new messages (trimmed to the model's context
	 * window), and once a call completed its new messages and the answer are stored. A
	 * call that fails or is cancelled stores nothing. Typed answers ({@code entity(..)})
	 * are not kept in conversations and fail with an {@link IllegalStateException}.
	 * @param conversationId the conversation, such as one id per browser tab
	 * @return a prompt in the conversation
	 * @throws IllegalStateException if the prompt has no
	 * {@link #memory(ConversationMemory)}
	 */
	ChatPrompt conversation(String conversationId);

	/**
	 * The request this prompt sends for a plain call.
	 * @throws IllegalArgumentException if the prompt has no message
	 */
	ChatRequest toRequest();

	/**
	 * Sends the prompt as one call; choose what to get back.
	 */
	CallResponse call();

	/**
	 * Sends the prompt as a stream; choose what to get back.
	 */
	StreamResponse stream();

	/**
	 * What a {@link #call()} gives back.
	 */
	interface CallResponse {

		/**
		 * The whole reply.
		 */
		Mono<ChatResponse> response();

		/**
		 * The text of the answer.
		 */
		Mono<String> content();

		/**
		 * The answer as an instance of the type, made from JSON that follows the type's
		 * schema.
		 * @throws IllegalArgumentException at once if the type cannot be described as a
		 * JSON schema
		 * @see ChatStructuredOutputException
		 * @see ChatRefusalException
		 */
		<T> Mono<T> entity(Class<T> type);

		/**
		 * The answer as an instance of the generic type, for example a
		 * {@code List<Weather>}.
		 */
		<T> Mono<T> entity(ParameterizedTypeReference<T> type);

		/**
		 * The answer as an instance of the type with the reply it came in, whose usage
		 * counts every round (repairs and rejected formats included).
		 */
		<T> Mono<ChatEntity<T>> responseEntity(Class<T> type);

	}

	/**
	 * What a {@link #stream()} gives back.
	 */
	interface StreamResponse {

		/**
		 * The chunks as they arrive.
		 */
		Flux<ChatChunk> chunks();

		/**
		 * The text of the answer as it is written; empty pieces are left out.
		 */
		Flux<String> content();

		/**
		 * The reply built from the chunks when the stream ends.
		 */
		Mono<ChatResponse> response();

	}

}
