/**
 * Model limits and the one token estimator: how many tokens a model holds (its context
 * window and largest answer), how many a request's prompt takes, and the pre-flight check
 * that refuses a request that cannot fit before anything is sent. Used by the provider
 * templates, conversation memory and rate limits alike.
 */
@NullMarked
package io.github.chatstarter.tokens;

import org.jspecify.annotations.NullMarked;
