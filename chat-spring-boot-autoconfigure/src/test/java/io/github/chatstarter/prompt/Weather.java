package io.github.chatstarter.prompt;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A typed answer with the shapes the schema generator must cover.
 */
record Weather(@JsonPropertyDescription("City name in Chinese") String city,
		@JsonProperty("temperature_c") int temperature, Sky sky, List<String> warnings, Optional<String> note) {

	enum Sky {

		SUNNY, CLOUDY, RAINY

	}

}
