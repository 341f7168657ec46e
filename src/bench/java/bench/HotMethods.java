package bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/** Summarises a JFR recording's CPU samples: the hottest methods by own time and, for the hub's code, by total. */
final class HotMethods {

    private HotMethods() {}

    static void print(Path recording, PrintStream out, int limit) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> once = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (interesting(name) && once.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
            }
        }
        out.printf("  %,d CPU samples of Java code (all threads)%n", samples);
        out.println("  hottest methods, own time:");
        top(self, samples, out, limit);
        out.println("  hub, parser and driver methods, time including callees:");
        top(total, samples, out, limit);
    }

    private static boolean interesting(String name) {
        return name.startsWith("org.cpis.") || name.startsWith("de.siegmar.") || name.startsWith("org.postgresql.");
    }

    private static void top(Map<String, Integer> counts, int samples, PrintStream out, int limit) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> out.printf(
                        "    %5.1f%%  %s%n", samples == 0 ? 0.0 : 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }
}
