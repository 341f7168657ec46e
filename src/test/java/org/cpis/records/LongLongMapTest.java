package org.cpis.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    @Test
    void behaves_as_a_map_through_growth_and_collisions() {
        LongLongMap map = new LongLongMap();
        Map<Long, Long> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // Keys shaped like record keys (few distinct low bits), plus small keys that collide after masking.
            long key = i % 3 == 0 ? random.nextInt(5_000) : (9_990_000_000L + random.nextInt(3_000_000)) << 29 | 6;
            long value = random.nextLong();
            if (random.nextBoolean()) {
                map.put(key, value);
                reference.put(key, value);
            } else {
                Long previous = reference.putIfAbsent(key, value);
                assertThat(map.putIfAbsent(key, value))
                        .isEqualTo(previous == null ? LongLongMap.ABSENT : previous.longValue());
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        assertThat(map.get(1L << 60)).isEqualTo(LongLongMap.ABSENT);
    }
}
