package io.github.chatstarter.tool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.model.Fixtures;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A model that answers from a script: each call takes the next reply (JSON for
 * {@code chat}, an event stream for {@code stream}) and records the request it got.
 */
final class ScriptedChatTemplate implements ChatTemplate {

	private final Deque<String> replies = new ArrayDeque<>();

	private final List<ChatRequest> requests = new ArrayList<>();

	ScriptedChatTemplate reply(String reply) {
		this.replies.add(reply);
		return this;
	}

	List<ChatRequest> requests() {
		return this.requests;
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return Mono.fromCallable(() -> Fixtures.read(next(request), ChatResponse.class));
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return Flux.defer(() -> Flux.fromIterable(Fixtures.chunks(next(request))));
	}

	private synchronized String next(ChatRequest request) {
		this.requests.add(request);
		if (this.replies.isEmpty()) {
			throw new IllegalStateException("The script has no reply left for request " + this.requests.size());
		}
		return this.replies.poll();
	}

}
