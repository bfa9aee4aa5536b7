/**
 * Upstash-Signature JWTs:
 * {@link io.github.qstashspring.signature.QStashSignatureVerifier} checks them on the raw
 * request bytes, {@link io.github.qstashspring.signature.QStashSigner} creates them (used
 * by the embedded broker and by tests). Neither needs Spring MVC.
 */
@NullMarked
package io.github.qstashspring.signature;

import org.jspecify.annotations.NullMarked;
