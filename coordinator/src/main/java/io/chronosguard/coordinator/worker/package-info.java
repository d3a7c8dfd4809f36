/** Directory workers: pull tasks from the coordinator, run them on the blocking dispatcher, report results. */
package io.chronosguard.coordinator.worker;
