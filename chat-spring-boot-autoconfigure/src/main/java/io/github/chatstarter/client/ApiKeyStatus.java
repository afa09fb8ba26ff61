package io.github.chatstarter.client;

import java.util.List;

/**
 * The API keys of one provider as routing sees them now.
 *
 * @param configured how many keys are configured (0 when the provider needs none)
 * @param setAside the keys set aside now, each with until when and why
 */
public record ApiKeyStatus(int configured, List<SetAside> setAside) {

	public ApiKeyStatus {
		setAside = List.copyOf(setAside);
	}

	/**
	 * How many keys can be used now.
	 * @return the configured keys minus those set aside
	 */
	public int usable() {
		return this.configured - this.setAside.size();
	}

	/**
	 * Whether keys are configured and none of them can be used now.
	 * @return {@code true} when every configured key is set aside
	 */
	public boolean isExhausted() {
		return this.configured > 0 && usable() == 0;
	}

}
