/**
 * The ZeroMQ Guide's brokers written on Monocoque's public API, to read first and to copy from:
 * {@link io.monocoque.examples.LoadBalancingBroker} (chapter 3, "lbbroker": a {@link io.monocoque.api.Poller} over two
 * ROUTER sockets) and Majordomo (chapter 4, 7/MDP with the 8/MMI service lookup):
 * {@link io.monocoque.examples.MajordomoBroker}, {@link io.monocoque.examples.MajordomoWorker} and
 * {@link io.monocoque.examples.MajordomoClient}. Each speaks the same wire protocol as the Guide's C and Python
 * versions, so libzmq peers can take any of the roles.
 */
package io.monocoque.examples;
