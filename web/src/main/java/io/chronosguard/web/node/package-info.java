/**
 * A cluster node's routes beside the dashboard ({@link io.chronosguard.web.node.NodeRoutes}: agent card,
 * nodes, starting, following and controlling backup jobs, other nodes' folders) and the adapter from the
 * coordinator's progress hub to the dashboard's progress ({@link io.chronosguard.web.node.ClusterProgressSource}).
 */
package io.chronosguard.web.node;
