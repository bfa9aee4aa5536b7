package io.github.qstashspring.broker.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** The signing key pair (one row). */
interface SigningKeysRepository extends JpaRepository<SigningKeysEntity, Integer> {

}
