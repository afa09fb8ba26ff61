package io.github.chatstarter.client;

import java.time.Instant;

import io.github.chatstarter.model.ChatRequest;
import io.github.chatstarter.model.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a provider's template asks before each attempt, and tells after it: admission
 * under rate limits, and API keys that other instances set aside. The template knows
 * nothing of how limits are kept; the rate limits of the starter implement this.
 */
public interface CallAdmission {

	/**
	 * Key of a Reactor context entry: when {@code true}, admission does not wait for
	 * capacity but refuses at once, so that routing can try a provider with capacity now.
	 */
	String NO_WAIT = CallAdmission.class.getName() + ".NO_WAIT";

	/** Admits every call and knows of no key set aside elsewhere. */
	CallAdmission NONE = (request, key) -> Mono.just(Permit.NONE);

	/**
	 * Admits one attempt with a key before anything is sent, waiting for capacity as
	 * configured; fails with a {@link io.github.chatstarter.error.ChatCapacityException}
	 * when there is none in time.
	 * @param request the request as it will be sent
	 * @param key the API key the attempt uses, or {@code null} when the provider has none
	 * @return the permit, which the template settles exactly once when the attempt ends
	 */
	Mono<Permit> admit(ChatRequest request, @Nullable String key);

	/**
	 * Until when another instance set this key aside, if it did.
	 * @param key the API key
	 * @return the end of its cooldown, or {@code null}
	 */
	default @Nullable Instant keySetAsideUntil(String key) {
		return null;
	}

	/**
	 * Tells the other instances that this key was set aside until a time.
	 * @param key the API key
	 * @param until the end of its cooldown
	 * @param reason the kind of failure, such as {@code AUTHENTICATION}
	 */
	default void keySetAside(String key, Instant until, String reason) {
	}

	/**
	 * Capacity held by one attempt.
	 */
	interface Permit {

		/** A permit that holds nothing. */
		Permit NONE = (usage) -> {
		};

		/**
		 * Gives the capacity back and settles the estimate with what the reply used;
		 * called once, when the attempt ends, fails or is cancelled.
		 * @param usage the reply's usage, or {@code null} when none arrived
		 */
		void settle(@Nullable Usage usage);

	}

}
