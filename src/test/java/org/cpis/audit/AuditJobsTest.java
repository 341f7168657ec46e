package org.cpis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.cpis.shared.NhsNumber;
import org.junit.jupiter.api.Test;

/**
 * The sealing and roll-up jobs stop once a batch comes back short of full, even while more entries keep passing the
 * one-minute cutoff (steady load): before, they kept calling for as long as any call found something, and never ended.
 */
class AuditJobsTest {

    /** Answers each call with the next figure; then with a few entries more, for ever, as under steady load. */
    static final class SteadyLoad implements Audit {
        final Deque<Integer> answers;
        int calls;

        SteadyLoad(Integer... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        private int next() {
            calls++;
            return answers.isEmpty() ? 3 : answers.poll();
        }

        @Override
        public int seal() {
            return next();
        }

        @Override
        public int rollUp() {
            return next();
        }

        @Override
        public void record(AuditEntry entry) {}

        @Override
        public void recordAll(List<AuditEntry> entries) {}

        @Override
        public String subjectHash(NhsNumber nhsNumber) {
            return "";
        }

        @Override
        public long verify() {
            return -1;
        }
    }

    @Test
    void sealing_goes_on_while_batches_are_full_and_stops_at_the_first_short_one() {
        SteadyLoad audit = new SteadyLoad(AuditChain.SEAL_BATCH, AuditChain.SEAL_BATCH, 40);
        AuditJobs.sealUntilCaughtUp(audit);
        assertThat(audit.calls).isEqualTo(3);
    }

    @Test
    void the_roll_up_stops_at_its_first_short_batch_though_entries_keep_coming() {
        SteadyLoad audit = new SteadyLoad(AuditService.ROLLUP_BATCH, 7);
        AuditJobs.rollUpUntilCaughtUp(audit);
        assertThat(audit.calls).isEqualTo(2);
        SteadyLoad caughtUp = new SteadyLoad(0);
        AuditJobs.rollUpUntilCaughtUp(caughtUp);
        assertThat(caughtUp.calls).isEqualTo(1);
    }
}
