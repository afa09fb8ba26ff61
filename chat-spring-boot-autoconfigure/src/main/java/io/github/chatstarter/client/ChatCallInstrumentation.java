package io.github.chatstarter.client;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.chatstarter.client.observation.ChatObservationContext;
import io.github.chatstarter.client.observation.ChatObservationConvention;
import io.github.chatstarter.client.observation.ChatObservationDocumentation;
import io.github.chatstarter.client.observation.DefaultChatObservationConvention;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Observes and logs each call of a provider template: one observation from subscription
 * until the answer (or the stream's end, failure or cancellation), and one DEBUG line.
 * Per chunk it only notes what the observation needs (first chunk, model, usage, finish
 * reasons). With no observation registry and DEBUG off the call is returned untouched.
 */
final class ChatCallInstrumentation {

	private static final ChatObservationConvention DEFAULT_CONVENTION = new DefaultChatObservationConvention();

	private final ProviderSettings settings;

	private final ObservationRegistry registry;

	private final @Nullable ChatObservationConvention convention;

	private final boolean includeContent;

	private final String serverAddress;

	private final int serverPort;

	ChatCallInstrumentation(ProviderSettings settings, ObservationRegistry registry,
			@Nullable ChatObservationConvention convention, boolean includeContent) {
		this.settings = settings;
		this.registry = registry;
		this.convention = convention;
		this.includeContent = includeContent;
		URI endpoint = settings.endpoint();
		this.serverAddress = endpoint.getHost();
		this.serverPort = (endpoint.getPort() != -1) ? endpoint.getPort()
				: "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
	}

	Mono<ChatResponse> chat(ChatRequest request, Mono<ChatResponse> call) {
		if (!isActive()) {
			return call;
		}
		return Mono.deferContextual((reactorContext) -> {
			Call observed = start(request, false, reactorContext);
			return call.doOnSuccess(observed::onResponse)
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.contextWrite(observed::propagate);
		});
	}

	Flux<ChatChunk> stream(ChatRequest request, Flux<ChatChunk> call) {
		if (!isActive()) {
			return call;
		}
		return Flux.deferContextual((reactorContext) -> {
			Call observed = start(request, true, reactorContext);
			return call.doOnNext(observed.context::onChunk)
				.doOnComplete(() -> observed.stop(null))
				.doOnError(observed::onError)
				.doOnCancel(observed::onCancel)
				.contextWrite(observed::propagate);
		});
	}

	private boolean isActive() {
		return !this.registry.isNoop() || ChatCallLog.isEnabled();
	}

	private Call start(ChatRequest request, boolean streaming, ContextView reactorContext) {
		ChatObservationContext context = new ChatObservationContext(this.settings.name(), this.serverAddress,
				this.serverPort, request, streaming, this.includeContent);
		Observation observation = ChatObservationDocumentation.CHAT.observation(this.convention, DEFAULT_CONVENTION,
				() -> context, this.registry);
		Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return new Call(context, observation.start());
	}

	/**
	 * One running call; stops its observation exactly once, before the outcome reaches
	 * the caller.
	 */
	private final class Call {

		private final ChatObservationContext context;

		private final Observation observation;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Call(ChatObservationContext context, Observation observation) {
			this.context = context;
			this.observation = observation;
		}

		void onResponse(@Nullable ChatResponse response) {
			if (response != null) {
				this.context.onResponse(response);
			}
			stop(null);
		}

		void onError(Throwable error) {
			stop(error);
		}

		void onCancel() {
			this.context.onCancel();
			stop(null);
		}

		void stop(@Nullable Throwable error) {
			if (this.stopped.compareAndSet(false, true)) {
				if (error != null) {
					this.observation.error(error);
				}
				ChatCallLog.log(ChatCallInstrumentation.this.settings, this.context, error);
				this.observation.stop();
			}
		}

		Context propagate(Context reactorContext) {
			return this.observation.isNoop() ? reactorContext
					: reactorContext.put(ObservationThreadLocalAccessor.KEY, this.observation);
		}

	}

}
