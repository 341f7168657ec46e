package org.cpis.records;

import java.util.Set;

/**
 * Published inside the purge transaction: these people have no record left, so everything kept about looking them up
 * must go too (spec section 2: "its access history goes with it").
 */
public record RecordsPurged(Set<String> nhsNumbersWithNoRecordLeft) {}
