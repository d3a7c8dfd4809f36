/**
 * Noticing that a source changed: {@link io.chronosguard.engine.watch.TreeWatcher} watches
 * trees recursively through the kernel (inotify, via directory-watcher) and falls back to
 * periodic rescans when the kernel refuses more watches; {@link
 * io.chronosguard.engine.watch.Debouncer} turns a burst of changes into one backup once the
 * tree has been quiet for a while. Time is passed in, so tests drive it.
 */
package io.chronosguard.engine.watch;
