package org.hls4ml.maven;

import org.apache.maven.plugin.logging.Log;
import org.hls4ml.tools.ProgressListener;

/** Turns the core's progress events into Maven log lines. */
final class MavenProgressListener implements ProgressListener {
    private final Log log;

    MavenProgressListener(Log log) {
        this.log = log;
    }

    @Override
    public void info(String msg) {
        log.info(msg);
    }

    @Override
    public void warn(String msg) {
        log.warn(msg);
    }

    @Override
    public void debug(String msg) {
        if (log.isDebugEnabled()) {
            log.debug(msg);
        }
    }
}
