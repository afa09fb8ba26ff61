/**
 * JSON schemas of Java types, for typed answers and the parameters of tools.
 */
@NullMarked
package io.github.chatstarter.schema;

import org.jspecify.annotations.NullMarked;
