/** The orders and their state, independent of QStash. */
@NullMarked
package io.github.qstashspring.sample.order;

import org.jspecify.annotations.NullMarked;
