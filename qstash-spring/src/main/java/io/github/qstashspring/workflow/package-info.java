/**
 * Upstash Workflow for Java: {@link io.github.qstashspring.workflow.QStashWorkflow} turns
 * a bean method taking a {@link io.github.qstashspring.workflow.WorkflowContext} into a
 * workflow endpoint that speaks the protocol of the official TypeScript SDK
 * {@code @upstash/workflow} 1.3.3. Each delivery replays the method from the top:
 * finished steps return their recorded results, the first new step runs (or is scheduled)
 * and is published back to QStash, and the delivery ends there.
 */
@NullMarked
package io.github.qstashspring.workflow;

import org.jspecify.annotations.NullMarked;
