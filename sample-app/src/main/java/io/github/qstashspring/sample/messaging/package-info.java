/** Everything QStash: what the sample publishes and the listeners that receive it. */
@NullMarked
package io.github.qstashspring.sample.messaging;

import org.jspecify.annotations.NullMarked;
