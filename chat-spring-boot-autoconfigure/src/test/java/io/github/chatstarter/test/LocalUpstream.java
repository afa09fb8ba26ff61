package io.github.chatstarter.test;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on 127.0.0.1 and a random port, started before each test and stopped
 * after it. Register with {@code @RegisterExtension}.
 */
public final class LocalUpstream implements BeforeEachCallback, AfterEachCallback {

	/** The chat endpoint's path under {@link #baseUrl()}. */
	public static final String CHAT_PATH = "/v1/chat/completions";

	private final WireMockServer server;

	private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

	public LocalUpstream(Extension... extensions) {
		this.server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(extensions));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server.start();
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		for (AutoCloseable closeable : this.closeAfterTest) {
			closeable.close();
		}
		this.closeAfterTest.clear();
		this.server.stop();
	}

	/**
	 * Closes the given template (its connection pool) after the test.
	 */
	public <T extends AutoCloseable> T closeAfterTest(T template) {
		this.closeAfterTest.add(template);
		return template;
	}

	public WireMockServer server() {
		return this.server;
	}

	/**
	 * Base URL as a user would configure it, with the version path.
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

}
