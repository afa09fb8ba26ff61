package io.github.chatstarter.benchmarks;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * LangChain4j's OpenAI models on their default JDK {@code HttpClient}, pinned to HTTP/1.1
 * (the stub speaks no h2c, and the JDK would otherwise try an upgrade on every
 * connection). The blocking non-streaming model runs on a thread pool; streaming uses the
 * callback API. LangChain4j offers no way to cancel a stream, so the idle-stream run ends
 * with its JVM.
 */
final class LangChain4jContender implements Contender {

	private final OpenAiChatModel chatModel;

	private final OpenAiStreamingChatModel streamingModel;

	private final ExecutorService blocking = Requests.blockingPool("langchain4j");

	LangChain4jContender(String baseUrl) {
		this.chatModel = OpenAiChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.modelName(Payloads.MODEL)
			// One retry: at 64 calls in flight and more, the JDK HttpClient now and then
			// fails a call on a pooled connection ("HTTP/1.1 header parser received no
			// bytes", caused by "Data received while in pool"), which without a retry
			// ended the JVM's run and left LangChain4j without figures. A race in the
			// JDK (JDK-8357639): the reply to a request on a connection just taken from
			// the pool reaches the pool's idle watcher, which closes the connection. The
			// JDK retries such a call itself for GET and HEAD only, not for a POST.
			.maxRetries(1)
			.httpClientBuilder(http())
			.build();
		this.streamingModel = OpenAiStreamingChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey(Requests.API_KEY)
			.modelName(Payloads.MODEL)
			.httpClientBuilder(http())
			.build();
	}

	private static JdkHttpClientBuilder http() {
		return new JdkHttpClientBuilder()
			.httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
	}

	@Override
	public CompletableFuture<String> chat() {
		return CompletableFuture.supplyAsync(() -> this.chatModel.chat(Requests.QUESTION), this.blocking);
	}

	@Override
	public Cancellable stream(StreamListener listener) {
		this.streamingModel.chat(Requests.QUESTION, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String text) {
				if (!text.isEmpty()) {
					listener.onContent(text);
				}
			}

			@Override
			public void onCompleteResponse(ChatResponse response) {
				listener.onComplete();
			}

			@Override
			public void onError(Throwable error) {
				listener.onError(error);
			}

		});
		return () -> {
			throw new UnsupportedOperationException("LangChain4j streams cannot be cancelled");
		};
	}

	@Override
	public void close() {
		this.blocking.shutdownNow();
	}

}
