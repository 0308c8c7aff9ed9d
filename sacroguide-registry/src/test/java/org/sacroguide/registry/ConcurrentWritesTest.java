package org.sacroguide.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.Sex;

/** Eight writers at once lose nothing (H2 and PostgreSQL). */
class ConcurrentWritesTest {

    static final int THREADS = 8;
    static final int RECORDS_PER_THREAD = 1000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eight_threads_writing_1000_records_each_leave_all_8000(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int k = 0; k < THREADS; k++) {
                int thread = k;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RECORDS_PER_THREAD; i++) {
                        r.addPatient(new org.sacroguide.registry.model.NewPatient(
                                String.format("T%d-%04d", thread, i), i % 2 == 0 ? Sex.FEMALE : Sex.MALE, 1930 + i % 40));
                    }
                    return RECORDS_PER_THREAD;
                }));
            }
            start.countDown();
            int written = 0;
            for (Future<Integer> f : done) {
                written += f.get(110, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(written).isEqualTo(THREADS * RECORDS_PER_THREAD);

            List<PatientRecord> patients = r.snapshot().patients();
            assertThat(patients).hasSize(THREADS * RECORDS_PER_THREAD);
            Set<String> ids = new HashSet<>();
            patients.forEach(p -> ids.add(p.patientId()));
            assertThat(ids).hasSize(THREADS * RECORDS_PER_THREAD).contains("T0-0000", "T7-0999");
            assertThat(r.auditTrail(null)).hasSize(THREADS * RECORDS_PER_THREAD);
        }
    }
}
