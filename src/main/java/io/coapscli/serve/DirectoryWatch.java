package io.coapscli.serve;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells of every file created, changed or removed anywhere under the served directory (inotify on
 * Linux), folders made later included. Hidden names are reported too: {@code .coaps.json} reloads rules.
 */
final class DirectoryWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);

    private static final long SETTLE_MS = 30;

    private final ServedDirectory directory;
    private final WatchService watcher;
    private final Consumer<Path> changed;
    private final Thread thread;

    DirectoryWatch(ServedDirectory directory, Consumer<Path> changed) throws IOException {
        this.directory = directory;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.changed = changed;
        for (Path folder : directory.folders()) {
            register(folder);
        }
        this.thread = new Thread(this::run, "serve-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path folder) {
        try {
            folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("not watching {}: {}", folder, e.getMessage());
        }
    }

    private void run() {
        try {
            while (true) {
                // A write often comes as several events (truncate, then data): they are gathered until
                // the folder is quiet for SETTLE_MS, and each path is reported once, with its final content.
                Set<Path> paths = new LinkedHashSet<>();
                WatchKey key = watcher.take();
                while (key != null) {
                    gather(key, paths);
                    key = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS);
                }
                paths.forEach(changed);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the server stops.
        }
    }

    private void gather(WatchKey key, Set<Path> paths) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                paths.add(directory.root());
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                register(path);
            }
            paths.add(path);
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
