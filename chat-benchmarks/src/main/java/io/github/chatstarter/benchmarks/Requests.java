package io.github.chatstarter.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderSettings;
import io.github.chatstarter.model.ChatMessage;
import io.github.chatstarter.model.ChatRequest;
import io.netty.channel.ChannelOption;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the contenders share: the question, one Reactor Netty setup for those built on it,
 * and a thread pool for the blocking APIs.
 */
final class Requests {

	static final String QUESTION = "Say hello";

	static final String API_KEY = "test-key";

	/**
	 * More than the 10,000 idle streams; the default pool (500 connections, 1,000
	 * waiting) would refuse them.
	 */
	static final int MAX_CONNECTIONS = 12_000;

	/** Enough threads for the highest concurrency of the blocking non-streaming APIs. */
	static final int BLOCKING_THREADS = 256;

	private Requests() {
	}

	static ChatRequest chatRequest(boolean stream) {
		ChatRequest.Builder builder = ChatRequest.builder().model(Payloads.MODEL).message(ChatMessage.user(QUESTION));
		return stream ? builder.stream(true).build() : builder.build();
	}

	static HttpClient reactorNetty(String name) {
		ConnectionProvider pool = ConnectionProvider.builder(name)
			.maxConnections(MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.build();
		return HttpClient.create(pool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
	}

	/**
	 * The base URL of the in-memory exchanges of the JMH benchmarks: nothing listens
	 * there.
	 */
	static final String IN_MEMORY_BASE_URL = "http://127.0.0.1:9/v1";

	/** The starter's template over an exchange function that answers from memory. */
	static ProviderChatTemplate inMemoryTemplate(ExchangeFunction exchange) {
		ProviderSettings settings = ProviderSettings.builder("bench")
			.baseUrl(IN_MEMORY_BASE_URL)
			.apiKey(API_KEY)
			.defaultModel(Payloads.MODEL)
			.build();
		return ProviderChatTemplate.builder(settings)
			.webClientBuilder(WebClient.builder().exchangeFunction(exchange))
			.build();
	}

	/** A plain WebClient over an exchange function that answers from memory. */
	static WebClient inMemoryWebClient(ExchangeFunction exchange) {
		return WebClient.builder().exchangeFunction(exchange).baseUrl(IN_MEMORY_BASE_URL).build();
	}

	static ExecutorService blockingPool(String name) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(BLOCKING_THREADS, (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Subscribes to a Flux of content deltas on behalf of a listener. */
	static Contender.Cancellable subscribe(Flux<String> contents, Contender.StreamListener listener) {
		Disposable subscription = contents.subscribe((text) -> {
			if (!text.isEmpty()) {
				listener.onContent(text);
			}
		}, listener::onError, listener::onComplete);
		return subscription::dispose;
	}

}
