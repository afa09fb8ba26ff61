package io.github.chatstarter.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.github.chatstarter.ChatTemplate;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the starter's provider template. Until the client package lands on this branch it is looked up
 * reflectively, so the rest of the benchmarks compile and run; the contender then reports itself missing.
 */
final class ChatTemplateFactory {

	private static final String CLIENT_PACKAGE = "io.github.chatstarter.client.";

	private ChatTemplateFactory() {
	}

	static ChatTemplate create(String baseUrl, WebClient.Builder webClientBuilder) {
		try {
			Class<?> settingsType = Class.forName(CLIENT_PACKAGE + "ProviderSettings");
			Object settingsBuilder = settingsType.getMethod("builder", String.class).invoke(null, "bench");
			settingsBuilder = call(settingsBuilder, "baseUrl", baseUrl);
			settingsBuilder = call(settingsBuilder, "apiKey", Requests.API_KEY);
			settingsBuilder = call(settingsBuilder, "defaultModel", Payloads.MODEL);
			Object settings = settingsBuilder.getClass().getMethod("build").invoke(settingsBuilder);
			Class<?> templateType = Class.forName(CLIENT_PACKAGE + "ProviderChatTemplate");
			Object templateBuilder = templateType.getMethod("builder", settingsType).invoke(null, settings);
			templateBuilder = templateBuilder.getClass()
				.getMethod("webClientBuilder", WebClient.Builder.class)
				.invoke(templateBuilder, webClientBuilder);
			return (ChatTemplate) templateBuilder.getClass().getMethod("build").invoke(templateBuilder);
		}
		catch (ClassNotFoundException ex) {
			throw new UnsupportedOperationException("The ChatTemplate client (" + ex.getMessage()
					+ ") is not on this branch yet");
		}
		catch (ReflectiveOperationException ex) {
			Throwable cause = (ex instanceof InvocationTargetException) ? ex.getCause() : ex;
			throw new IllegalStateException("Could not build ProviderChatTemplate: " + cause, cause);
		}
	}

	private static Object call(Object target, String name, String argument) throws ReflectiveOperationException {
		Method method = target.getClass().getMethod(name, String.class);
		method.setAccessible(true);
		return method.invoke(target, argument);
	}

}
