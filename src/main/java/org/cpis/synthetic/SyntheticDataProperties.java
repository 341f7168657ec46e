package org.cpis.synthetic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The size of the synthetic national data set ({@code --cpis.command=synthetic-data}, docs/operations.md).
 *
 * @param records plans to create, spread over every registered LA (about; each LA's share is rounded)
 * @param careSettings health settings the registry should hold; synthetic ones are added up to this number
 * @param accesses health staff's checks over the past year (about 70% from unscheduled care, each notifying the LA)
 * @param auditEntries audit entries the trail should hold at least; synthetic filler entries are added up to it
 * @param serve keep the hub running after generating (for a demonstration) instead of exiting
 * @param seal seal the new audit entries into the hash chain before finishing (the benchmarks turn it off: ten million
 *     entries take the sealer a long time, and they measure queries, not the chain)
 */
@ConfigurationProperties("cpis.synthetic")
record SyntheticDataProperties(
        @DefaultValue("250000") int records,
        @DefaultValue("1200") int careSettings,
        @DefaultValue("125000") int accesses,
        @DefaultValue("0") long auditEntries,
        @DefaultValue("0.42") double seed,
        @DefaultValue("false") boolean serve,
        @DefaultValue("true") boolean seal) {

    SyntheticDataProperties {
        if (records < 1
                || records > 800_000
                || careSettings < 0
                || accesses < 0
                || auditEntries < 0
                || seed < -1
                || seed > 1) {
            throw new IllegalArgumentException(
                    "cpis.synthetic: records in [1, 800000], care-settings, accesses, audit-entries >= 0, seed in [-1, 1]");
        }
    }
}
