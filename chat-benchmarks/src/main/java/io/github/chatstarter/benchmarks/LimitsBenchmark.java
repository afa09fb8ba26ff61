package io.github.chatstarter.benchmarks;

import io.github.chatstarter.client.CallAdmission;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.limit.LimitListener;
import io.github.chatstarter.limit.ProviderRateLimiter;
import io.github.chatstarter.limit.RateLimit;
import io.github.chatstarter.limit.RateLimitSettings;
import io.github.chatstarter.model.ChatChunk;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.tokens.TokenEstimator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What client-side rate limits cost on one instance ({@code chat.cluster.store=none}),
 * run by {@link ThreadCpuRun} (group {@code limits}): admission of one call under limits
 * that never refuse, and a stream of {@value #EVENTS} events (150-byte chunks, one read
 * each) from memory with and without limits.
 * <ul>
 * <li>{@code admissionNone}: {@link CallAdmission#NONE}, the cost of asking at all;</li>
 * <li>{@code admissionRequests}: requests per minute of the provider and of the key, and
 * concurrent calls;</li>
 * <li>{@code admissionRequestsAndTokens}: the same and tokens per minute of both, so the
 * prompt's token estimate and the settlement by the reply's usage.</li>
 * </ul>
 * Each admission is settled at once, as a call that ends would settle it.
 */
final class LimitsBenchmark {

	static final int EVENTS = 100;

	/** Never reached: admission always finds capacity. */
	private static final int HUGE = Integer.MAX_VALUE;

	private static final String KEY = "sk-bench-limits";

	private static final Usage USAGE = Usage.of(12, 30);

	private final ChatRequest request = ChatRequest.of(Payloads.MODEL, ChatMessage.user(Requests.QUESTION));

	private final ClusterState state = ClusterState.local();

	private ProviderRateLimiter requests;

	private ProviderRateLimiter requestsAndTokens;

	private ProviderChatTemplate streamOff;

	private ProviderChatTemplate streamOn;

	void setUp() {
		TokenEstimator estimator = TokenEstimator.create();
		this.requests = new ProviderRateLimiter("bench",
				new RateLimitSettings(new RateLimit(HUGE, null), new RateLimit(HUGE, null), HUGE,
						RateLimitSettings.DEFAULT_MAX_WAIT, RateLimitSettings.DEFAULT_COMPLETION_TOKENS),
				this.state, estimator, LimitListener.NONE);
		this.requestsAndTokens = new ProviderRateLimiter("bench-tokens",
				new RateLimitSettings(new RateLimit(HUGE, HUGE), new RateLimit(HUGE, HUGE), HUGE,
						RateLimitSettings.DEFAULT_MAX_WAIT, RateLimitSettings.DEFAULT_COMPLETION_TOKENS),
				this.state, estimator, LimitListener.NONE);
		byte[][] reads = DecodeBenchmark.reads(150, false);
		ExchangeFunction fromMemory = (clientRequest) -> Mono.just(ClientResponse.create(HttpStatus.OK)
			.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE)
			.body(Flux.fromArray(reads).map(ConnectorBuffers::read))
			.build());
		this.streamOff = template(fromMemory, null);
		this.streamOn = template(fromMemory, this.requests);
		int expected = EVENTS * Payloads.contentLength(150);
		if (streamLimitsOff() != expected || streamLimitsOn() != expected || admissionRequests() != 1
				|| admissionRequestsAndTokens() != 1 || admissionNone() != 1) {
			throw new IllegalStateException("A limits benchmark did not run as intended");
		}
	}

	void tearDown() {
		this.streamOff.close();
		this.streamOn.close();
		this.state.close();
	}

	int admissionNone() {
		return admit(CallAdmission.NONE);
	}

	int admissionRequests() {
		return admit(this.requests);
	}

	int admissionRequestsAndTokens() {
		return admit(this.requestsAndTokens);
	}

	int streamLimitsOff() {
		return count(this.streamOff.stream(this.request));
	}

	int streamLimitsOn() {
		return count(this.streamOn.stream(this.request));
	}

	private int admit(CallAdmission admission) {
		CallAdmission.Permit permit = admission.admit(this.request, KEY).block();
		if (permit == null) {
			return 0;
		}
		permit.settle(USAGE);
		return 1;
	}

	private static int count(Flux<ChatChunk> chunks) {
		Integer total = chunks.reduce(0, (sum, chunk) -> sum + chunk.content().length()).block();
		return (total != null) ? total : -1;
	}

	private static ProviderChatTemplate template(ExchangeFunction exchange, @Nullable ProviderRateLimiter limiter) {
		ProviderSettings settings = ProviderSettings.builder("bench")
			.baseUrl(Requests.IN_MEMORY_BASE_URL)
			.apiKey(KEY)
			.defaultModel(Payloads.MODEL)
			.build();
		ProviderChatTemplate.Builder builder = ProviderChatTemplate.builder(settings)
			.webClientBuilder(WebClient.builder().exchangeFunction(exchange));
		if (limiter != null) {
			builder.admission(limiter);
		}
		return builder.build();
	}

}
