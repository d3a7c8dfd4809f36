/** Index files and the merged in-memory index of where each blob is stored. */
package io.chronosguard.engine.index;
