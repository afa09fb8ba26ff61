package io.github.chatstarter.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the sample. Without provider keys it talks to the built-in demo upstream (see
 * {@link io.github.chatstarter.sample.demo.DemoUpstreamEnvironmentPostProcessor}).
 */
@SpringBootApplication
public class ChatSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatSampleApplication.class, args);
	}

}
