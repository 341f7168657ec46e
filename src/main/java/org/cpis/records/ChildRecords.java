package org.cpis.records;

import java.util.List;
import java.util.Optional;
import org.cpis.identity.Actor;

/** An LA's own records of one child, for the LA's staff: each opening is a read of personal data, audited. */
public interface ChildRecords {

    /** The actor's LA's records of this child (every plan type), without an audit entry: for a page already audited. */
    List<RecordPage.Item> ofChild(Actor actor, String nhsNumber);

    /** One of the actor's LA's records by its number, audited as RECORD_VIEWED; empty if it is not the LA's. */
    Optional<RecordPage.Item> open(Actor actor, long id);
}
