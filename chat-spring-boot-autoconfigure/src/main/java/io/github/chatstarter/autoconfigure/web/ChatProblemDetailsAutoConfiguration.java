package io.github.chatstarter.autoconfigure.web;

import io.github.chatstarter.ChatTemplates;
import io.github.chatstarter.autoconfigure.ChatAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * In a web application, answers a {@link io.github.chatstarter.error.ChatException} that
 * escapes a controller with a meaningful ProblemDetail;
 * {@code chat.problem-details.enabled=false} turns it off.
 */
@AutoConfiguration(after = ChatAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(ControllerAdvice.class)
@ConditionalOnBean(ChatTemplates.class)
@ConditionalOnBooleanProperty(name = "chat.problem-details.enabled", matchIfMissing = true)
public final class ChatProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ChatExceptionHandler.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	ReactiveChatExceptionHandler reactiveChatExceptionHandler() {
		return new ReactiveChatExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean(ChatExceptionHandler.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletResponse")
	ServletChatExceptionHandler servletChatExceptionHandler() {
		return new ServletChatExceptionHandler();
	}

}
