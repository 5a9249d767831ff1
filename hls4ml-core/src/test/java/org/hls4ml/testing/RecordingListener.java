package org.hls4ml.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hls4ml.tools.ProgressListener;

/**
 * A progress listener that keeps every message, warnings prefixed with {@code "WARN "}. Thread safe: tool output
 * arrives on the process runner's drain threads.
 */
public final class RecordingListener implements ProgressListener {

    /** The messages so far, in order. */
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String msg) {
        lines.add(msg);
    }

    @Override
    public void warn(String msg) {
        lines.add("WARN " + msg);
    }
}
