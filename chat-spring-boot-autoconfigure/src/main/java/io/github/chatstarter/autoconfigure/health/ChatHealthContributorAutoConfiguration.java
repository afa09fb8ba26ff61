package io.github.chatstarter.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import io.github.chatstarter.autoconfigure.ChatProperties;
import io.github.chatstarter.client.ProviderChatTemplate;
import io.github.chatstarter.client.ProviderChatTemplates;
import io.github.chatstarter.routing.RoutingChatTemplate;
import io.github.chatstarter.state.ClusterState;
import io.github.chatstarter.state.ClusterStore;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Health of every provider whose probe is enabled, under {@code chat}
 * ({@code /actuator/health/chat/<name>}), and of the store instances share
 * ({@code chat/cluster-store}, with {@code chat.cluster.store: redis}), when Spring
 * Boot's health support is present and {@code management.health.chat.enabled} is not
 * {@code false}.
 */
@AutoConfiguration(after = ChatAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthContributor.class)
@ConditionalOnBean(ProviderChatTemplates.class)
@ConditionalOnEnabledHealthIndicator("chat")
public final class ChatHealthContributorAutoConfiguration {

	/** Name of the shared store's health, beside the providers'. */
	static final String CLUSTER_STORE = "cluster-store";

	@Bean
	@ConditionalOnMissingBean(name = { "chatHealthIndicator", "chatHealthContributor" })
	CompositeReactiveHealthContributor chatHealthContributor(ProviderChatTemplates templates, ChatProperties properties,
			ObjectProvider<RoutingChatTemplate> routing, ObjectProvider<ClusterState> clusterState) {
		RoutingChatTemplate router = routing.getIfUnique();
		ProviderCoverage coverage = new ProviderCoverage(templates.providers(), router);
		Map<String, ReactiveHealthContributor> indicators = new LinkedHashMap<>();
		for (ProviderChatTemplate template : templates.providers()) {
			ChatProperties.Provider provider = properties.getProviders().get(template.name());
			ChatProperties.Provider.Health health = (provider != null) ? provider.getHealth()
					: new ChatProperties.Provider().getHealth();
			if (health.isEnabled()) {
				indicators.put(template.name(), indicator(template, router, coverage, health));
			}
		}
		ClusterState state = clusterState.getIfUnique();
		ChatProperties.Cluster cluster = properties.getCluster();
		if (state != null && cluster.getStore() != ClusterStore.NONE) {
			indicators.putIfAbsent(CLUSTER_STORE,
					new ClusterStoreHealthIndicator(state, cluster.getStore(), cluster.getLocalShare()));
		}
		return CompositeReactiveHealthContributor.fromMap(indicators);
	}

	/**
	 * The provider's indicator; the health properties were checked with every other
	 * provider property when the templates were created.
	 */
	private static ProviderHealthIndicator indicator(ProviderChatTemplate template,
			@Nullable RoutingChatTemplate routing, ProviderCoverage coverage, ChatProperties.Provider.Health health) {
		return new ProviderHealthIndicator(template, routing, coverage, health.getPath(), health.getTimeout(),
				health.getCacheTtl());
	}

}
