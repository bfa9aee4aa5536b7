package io.github.qstashspring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observation of QStash API calls made by the client, and its key names. */
public enum QStashClientObservationDocumentation implements ObservationDocumentation {

    /**
     * One call of the QStash API (publish, batch, a management call), including its
     * transport retries. Named {@code qstash.client.requests}; a timer of that name when
     * Micrometer metrics are configured.
     */
    API_CALL {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultQStashClientObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }
    };

    /** Low-cardinality keys of {@link #API_CALL}. */
    public enum LowCardinalityKeys implements KeyName {

        /**
         * The operation, e.g. {@code publish}, {@code enqueue}, {@code batch},
         * {@code schedules.create}.
         */
        OPERATION {
            @Override
            public String asString() {
                return "qstash.operation";
            }
        },

        /**
         * What the call is addressed to: {@code url}, {@code url_group}, {@code queue},
         * {@code mixed}, {@code none}.
         */
        DESTINATION_KIND {
            @Override
            public String asString() {
                return "qstash.destination.kind";
            }
        },

        /**
         * How the call ended: {@code SUCCESS}, {@code CLIENT_ERROR},
         * {@code RATE_LIMITED}, {@code SERVER_ERROR}, {@code NETWORK_ERROR} or
         * {@code UNKNOWN}.
         */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /**
         * The HTTP status QStash answered with, or {@code NONE} when there was no answer.
         */
        STATUS {
            @Override
            public String asString() {
                return "status";
            }
        }

    }

}
