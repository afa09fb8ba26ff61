package io.github.chatstarter.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.chatstarter.ChatTemplate;
import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.client.internal.RequestValidation;
import io.github.chatstarter.error.ChatAllProvidersFailedException;
import io.github.chatstarter.error.ChatBadRequestException;
import io.github.chatstarter.error.ChatCapacityException;
import io.github.chatstarter.error.ChatException;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.ChatResponse;
import io.github.chatstarter.prompt.ChatPrompt;
import io.github.chatstarter.state.ClusterState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends each request to the providers that list the request's model under {@code models},
 * in order: the default provider first when it is one of them, then configuration order
 * (or the configured failover order). A request whose model no provider lists, or that
 * names no model, goes to the default provider.
 * <p>
 * When a provider fails for reasons of its own (server errors, rate limits, timeouts,
 * connection errors, a rejected key, exhausted quota, a model it lacks) after its own
 * retries, the next one is tried; never on a bad request or a content-filter refusal,
 * which would fail everywhere, and never once a stream has delivered its first chunk.
 * Providers whose key was rejected or quota ran out are skipped for the cooldown, and
 * those that keep failing with outages while their circuit is open.
 */
public final class RoutingChatTemplate implements ChatTemplate {

	private static final Log logger = LogFactory.getLog(RoutingChatTemplate.class);

	/** Bounds the set of reported models, which callers could otherwise grow at will. */
	private static final int MAX_REPORTED_MODELS = 1000;

	private final ProviderChatTemplates providers;

	private final ProviderChatTemplate defaultProvider;

	private final FailoverSettings failover;

	private final List<ProviderChatTemplate> ordered;

	private final Map<String, ProviderCircuit> circuits = new LinkedHashMap<>();

	/** Models already reported as going to the default provider: each is logged once. */
	private final Set<String> unlistedModels = ConcurrentHashMap.newKeySet();

	private final UnaryOperator<ChatPrompt> promptDefaults;

	/**
	 * @param providers the configured providers
	 * @param defaultProvider name of the default provider, or {@code null} for the first
	 * one
	 * @param failover how to move between providers
	 */
	public RoutingChatTemplate(ProviderChatTemplates providers, @Nullable String defaultProvider,
			FailoverSettings failover) {
		this(providers, defaultProvider, failover, UnaryOperator.identity(), ClusterState.local());
	}

	/**
	 * Routing whose providers in cooldown are shared with other instances, and whose
	 * prompts carry the given defaults.
	 * @param providers the configured providers
	 * @param defaultProvider name of the default provider, or {@code null} for the first
	 * one
	 * @param failover how to move between providers
	 * @param promptDefaults applied to every {@link #prompt()}, such as the configured
	 * structured-output settings and conversation memory
	 * @param state where providers set aside are shared
	 */
	public RoutingChatTemplate(ProviderChatTemplates providers, @Nullable String defaultProvider,
			FailoverSettings failover, UnaryOperator<ChatPrompt> promptDefaults, ClusterState state) {
		this.promptDefaults = Objects.requireNonNull(promptDefaults, "promptDefaults");
		Objects.requireNonNull(state, "state");
		this.providers = Objects.requireNonNull(providers, "providers");
		this.failover = Objects.requireNonNull(failover, "failover");
		if (providers.names().isEmpty()) {
			throw new IllegalArgumentException("Routing needs at least one provider");
		}
		this.defaultProvider = (defaultProvider != null) ? providers.provider(defaultProvider)
				: providers.providers().get(0);
		failover.order().forEach(providers::provider);
		this.ordered = order(providers.providers(), this.defaultProvider, failover.order());
		for (ProviderChatTemplate provider : this.ordered) {
			this.circuits.put(provider.name(), new ProviderCircuit(provider.name(), failover, System::nanoTime, state));
		}
		state.watch(ProviderCircuit.SCOPE);
	}

	@Override
	public Mono<ChatResponse> chat(ChatRequest request) {
		return withFailover(request, (provider) -> provider.chat(request).flux()).single();
	}

	@Override
	public Flux<ChatChunk> stream(ChatRequest request) {
		return withFailover(request, (provider) -> provider.stream(request));
	}

	/**
	 * An empty prompt through this template, with the defaults given at construction (the
	 * auto-configuration's structured-output settings and conversation memory).
	 */
	@Override
	public ChatPrompt prompt() {
		return this.promptDefaults.apply(ChatTemplate.super.prompt());
	}

	/**
	 * The providers that may serve the request, in the order they are tried.
	 */
	public List<ProviderChatTemplate> route(ChatRequest request) {
		RequestValidation.validate(request, this.defaultProvider.name(),
				this.defaultProvider.settings().defaultModel());
		String model = request.model();
		if (model == null || model.isBlank()) {
			return List.of(this.defaultProvider);
		}
		List<ProviderChatTemplate> candidates = new ArrayList<>();
		for (ProviderChatTemplate provider : this.ordered) {
			if (provider.settings().models().contains(model)) {
				candidates.add(provider);
			}
		}
		if (candidates.isEmpty()) {
			if (this.unlistedModels.size() < MAX_REPORTED_MODELS && this.unlistedModels.add(model)) {
				logger.info("Model '" + model + "' is not listed under any provider's models: its requests go to the "
						+ "default provider '" + this.defaultProvider.name() + "' (list it under chat.providers."
						+ this.defaultProvider.name()
						+ ".models to say so, or under another provider's to route it there)");
			}
			return List.of(this.defaultProvider);
		}
		return candidates;
	}

	/**
	 * What routing knows about a provider now: its cooldown and its circuit.
	 * @param provider name of the provider
	 * @return the provider's routing status
	 * @throws IllegalArgumentException when no provider has that name
	 */
	public ProviderRoutingStatus status(String provider) {
		ProviderCircuit circuit = this.circuits.get(provider);
		if (circuit == null) {
			throw new IllegalArgumentException("No chat provider named '" + provider + "'");
		}
		return circuit.status();
	}

	/**
	 * Whether routing moves a provider's requests to the next provider that lists the
	 * model when it fails.
	 * @return {@code true} when failover is enabled
	 */
	public boolean isFailoverEnabled() {
		return this.failover.enabled();
	}

	/**
	 * The provider that gets requests whose model no provider lists.
	 */
	public ProviderChatTemplate defaultProvider() {
		return this.defaultProvider;
	}

	private <T> Flux<T> withFailover(ChatRequest request, Function<ProviderChatTemplate, Flux<T>> call) {
		return Flux.defer(() -> {
			List<ProviderChatTemplate> candidates = route(request);
			if (!this.failover.enabled()) {
				candidates = candidates.subList(0, 1);
			}
			String model = (request.model() != null) ? request.model() : candidates.get(0).settings().defaultModel();
			return attempt(new Attempt<>(candidates, call, String.valueOf(model), candidates.size() > 1), 0);
		});
	}

	private <T> Flux<T> attempt(Attempt<T> attempt, int index) {
		if (index == attempt.candidates.size()) {
			ProviderChatTemplate soonest = attempt.soonestCapacity();
			if (soonest != null) {
				// Every provider with capacity failed or none had any now: wait for the
				// one whose capacity returns first.
				Attempt<T> waiting = new Attempt<>(List.of(soonest), attempt.call, attempt.model, false);
				waiting.failures.putAll(attempt.failures);
				waiting.failures.remove(soonest.name());
				return attempt(waiting, 0);
			}
			return Flux.error(attempt.exhausted());
		}
		ProviderChatTemplate provider = attempt.candidates.get(index);
		ProviderCircuit circuit = Objects.requireNonNull(this.circuits.get(provider.name()), "circuit");
		ChatException skipped = circuit.skipped();
		if (skipped != null) {
			attempt.failures.put(provider.name(), skipped);
			return attempt(attempt, index + 1);
		}
		long start = System.nanoTime();
		Flux<T> call = attempt.call.apply(provider);
		if (attempt.noWait) {
			call = call.contextWrite((context) -> context.put(CallAdmission.NO_WAIT, true));
		}
		return call.doOnNext((item) -> attempt.delivered.lazySet(true))
			.doOnComplete(() -> circuit.succeeded(start))
			.doOnCancel(circuit::released)
			.onErrorResume((failure) -> {
				if (failure instanceof ChatCapacityException) {
					circuit.released(); // refused before anything was sent: says nothing
										// of
										// the provider's health
				}
				else {
					circuit.failed(start, failure);
				}
				if (attempt.delivered.get() || !isProviderSpecific(failure)) {
					return Flux.error(failure);
				}
				attempt.failures.put(provider.name(), (ChatException) failure);
				return attempt(attempt, index + 1);
			});
	}

	/**
	 * Whether another provider may succeed where this one failed: not for bad requests
	 * and content-filter refusals, which would fail everywhere, nor for failures that are
	 * not the provider's answer.
	 */
	private static boolean isProviderSpecific(Throwable failure) {
		return failure instanceof ChatException && !(failure instanceof ChatBadRequestException);
	}

	private static List<ProviderChatTemplate> order(List<ProviderChatTemplate> configured, ProviderChatTemplate first,
			List<String> order) {
		List<ProviderChatTemplate> ordered = new ArrayList<>(configured);
		if (order.isEmpty()) {
			ordered.remove(first);
			ordered.add(0, first);
			return List.copyOf(ordered);
		}
		ordered.sort(Comparator.comparingInt((provider) -> {
			int position = order.indexOf(provider.name());
			return (position >= 0) ? position : order.size();
		}));
		return List.copyOf(ordered);
	}

	@Override
	public String toString() {
		return "RoutingChatTemplate{providers=" + this.providers.names() + ", default=" + this.defaultProvider.name()
				+ ", failover=" + this.failover.enabled() + "}";
	}

	/**
	 * The state of one request's way through its candidates.
	 */
	private static final class Attempt<T> {

		final List<ProviderChatTemplate> candidates;

		final Function<ProviderChatTemplate, Flux<T>> call;

		final String model;

		final AtomicBoolean delivered = new AtomicBoolean();

		final Map<String, ChatException> failures = new LinkedHashMap<>();

		/** Whether providers out of capacity refuse at once rather than wait. */
		final boolean noWait;

		Attempt(List<ProviderChatTemplate> candidates, Function<ProviderChatTemplate, Flux<T>> call, String model,
				boolean noWait) {
			this.candidates = candidates;
			this.call = call;
			this.model = model;
			this.noWait = noWait;
		}

		/**
		 * When refusals were for capacity only now: the provider whose capacity returns
		 * first, to wait for; otherwise {@code null}.
		 */
		@Nullable ProviderChatTemplate soonestCapacity() {
			if (!this.noWait) {
				return null;
			}
			ProviderChatTemplate soonest = null;
			ChatCapacityException best = null;
			for (ProviderChatTemplate candidate : this.candidates) {
				if (this.failures.get(candidate.name()) instanceof ChatCapacityException refused
						&& (best == null || refused.getRetryAfter().compareTo(best.getRetryAfter()) < 0)) {
					best = refused;
					soonest = candidate;
				}
			}
			return soonest;
		}

		/**
		 * The error when no provider is left. When every provider failed the same way, it
		 * is that failure, so that {@code onErrorResume(ChatQuotaExceededException.class,
		 * ..)} keeps matching when a second provider is added; the others are attached as
		 * suppressed.
		 */
		ChatException exhausted() {
			List<ChatException> all = List.copyOf(this.failures.values());
			ChatException first = all.get(0);
			if (all.stream().allMatch((failure) -> failure.getClass() == first.getClass())) {
				all.subList(1, all.size()).forEach(first::addSuppressed);
				return first;
			}
			return new ChatAllProvidersFailedException(this.model, this.failures);
		}

	}

}
