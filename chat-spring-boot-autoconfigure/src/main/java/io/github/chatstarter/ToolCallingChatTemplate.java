package io.github.chatstarter;

import java.util.Objects;

import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.tool.ToolCalling;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link ChatTemplate} that runs the tools the model asks for, with a
 * {@link ToolCalling} loop around another template: <pre class="code">
 * ChatTemplate assistant = ToolCallingChatTemplate.builder(chatTemplate)
 *     .tools(weatherService)
 *     .build();
 * String answer = assistant.chat("What's the weather in Beijing?").block();
 * </pre> See {@link ToolCalling} for how the loop runs, streams and fails. Instances are
 * immutable and thread-safe.
 */
public final class ToolCallingChatTemplate implements ChatTemplate {

	private final ChatTemplate delegate;

	private final ToolCalling tools;

	private ToolCallingChatTemplate(ChatTemplate delegate, ToolCalling tools) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.tools = Objects.requireNonNull(tools, "tools");
	}

	/**
	 * A builder of a tool-calling template that sends its requests through the given
	 * template.
	 * @param delegate the template each round is sent through
	 * @return a new builder
	 */
	public static ToolCalling.Builder<ToolCallingChatTemplate> builder(ChatTemplate delegate) {
		Objects.requireNonNull(delegate, "delegate");
		return ToolCalling.builder((tools) -> new ToolCallingChatTemplate(delegate, tools));
	}

	/**
	 * A tool-calling template around the given template.
	 * @param delegate the template each round is sent through
	 * @param tools the tool loop
	 * @return the template
	 */
	public static ToolCallingChatTemplate of(ChatTemplate delegate, ToolCalling tools) {
		return new ToolCallingChatTemplate(delegate, tools);
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return this.tools.chat(request, this.delegate::chat);
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return this.tools.stream(request, this.delegate::stream);
	}

}
