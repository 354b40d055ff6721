/**
 * Every version of the local stack's servers, pinned in one place. Changing one here makes the next
 * `stack up` install it into its own folder of the download cache (the old folder stays until removed).
 */

/** Kafka broker (Maven Central, org.apache.kafka:kafka_<scala>). */
export const KAFKA_VERSION = '3.9.1';
export const KAFKA_SCALA_VERSION = '2.13';
/** The Kafka POM has no logging backend: this binds slf4j to reload4j (log4j 1.x API). */
export const SLF4J_RELOAD4J_VERSION = '1.7.36';
/** Oldest Java the broker is run with (3.9 supports 11 and newer). */
export const KAFKA_MIN_JAVA = 17;

/** Apicurio Registry, the Quarkus "all" distribution (Maven Central, io.apicurio:apicurio-registry-app). */
export const APICURIO_REGISTRY_VERSION = '3.3.3';
/** Apicurio Registry 3.3 is compiled for Java 21 (class file version 65). */
export const APICURIO_REGISTRY_MIN_JAVA = 21;

/** FerretDB built from source with `go install` (Go module proxy). */
export const FERRETDB_VERSION = 'v1.24.2';

/** ProFTPD comes from the distribution's packages; the version is checked, not chosen. */
export const PROFTPD_PACKAGES = ['proftpd-basic', 'proftpd-mod-crypto'] as const;
export const PROFTPD_EXPECTED_VERSION = '1.3.8';

/** PostgreSQL for FerretDB's postgresql backend, from the distribution's packages (Debian 12: 15). */
export const POSTGRESQL_MAJOR = 15;
export const POSTGRESQL_PACKAGES = [`postgresql-${POSTGRESQL_MAJOR}`] as const;

/**
 * The bench's peer (`edreflect bench --peer`, BENCHMARKS.md): the MongoDB Kafka sink connector under Kafka
 * Connect standalone, both from Maven Central. Connect is the broker's version; the connector's own POM
 * brings its MongoDB Java driver (4.7.2 for 1.13.0).
 */
export const KAFKA_CONNECT_VERSION = KAFKA_VERSION;
export const MONGO_KAFKA_CONNECT_VERSION = '1.13.0';
/**
 * Maven's nearest-wins rule would take jackson-core 2.10 from the connector's Avro dependency, older than the
 * jackson-databind 2.16 Connect's JSON converter is built with: pinned to databind's version.
 */
export const KAFKA_CONNECT_JACKSON_VERSION = '2.16.2';
