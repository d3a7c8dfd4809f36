/** A cluster node's HTTP API: health, agent card, nodes, and submitting and following backup jobs. */
package io.chronosguard.web.node;
