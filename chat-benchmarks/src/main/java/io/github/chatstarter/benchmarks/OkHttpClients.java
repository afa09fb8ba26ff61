package io.github.chatstarter.benchmarks;

import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client given to openai-java (and through it to Spring AI). OkHttp's
 * dispatcher allows 64 calls in flight and 5 per host by default, which would queue all
 * but 5 of our concurrent requests; both limits are raised to the Reactor Netty
 * contenders' pool size so that every client runs the same load.
 */
final class OkHttpClients {

	private OkHttpClients() {
	}

	static OkHttpClient unlimited() {
		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequests(Requests.MAX_CONNECTIONS);
		dispatcher.setMaxRequestsPerHost(Requests.MAX_CONNECTIONS);
		return new OkHttpClient.Builder().dispatcher(dispatcher)
			.connectionPool(new ConnectionPool(Requests.BLOCKING_THREADS, 5, TimeUnit.MINUTES))
			.readTimeout(0, TimeUnit.MILLISECONDS)
			.build();
	}

	static void shutdown(OkHttpClient client) {
		client.dispatcher().executorService().shutdownNow();
		client.connectionPool().evictAll();
	}

}
