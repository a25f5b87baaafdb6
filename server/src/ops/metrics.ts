import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the server reports at /metrics (Prometheus text format): the process (CPU, memory,
 * event-loop lag, from prom-client's defaults), connections and open maps, document updates
 * stored, how long storing and propagating them takes, and warnings and errors by event. One
 * registry per server, so several servers in one process (tests) do not mix their figures.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly updates: Counter;
  readonly propagation: Histogram;
  readonly storage: Histogram<'op'>;
  readonly events: Counter<'level' | 'event'>;

  constructor(sources: {
    connections(): number;
    openMaps(): number;
    /** Several instances: maps whose lease this instance holds, and sockets it relays elsewhere. */
    ownedMaps?(): number;
    relayedConnections?(): number;
  }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'loopmap_', eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: 'loopmap_connections',
      help: 'Open document sockets.',
      registers: [this.registry],
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'loopmap_open_maps',
      help: 'Maps loaded in memory (with peers, or waiting to unload).',
      registers: [this.registry],
      collect() {
        this.set(sources.openMaps());
      },
    });
    new Gauge({
      name: 'loopmap_owned_maps',
      help: 'Maps this instance owns (several instances; 0 for a single one).',
      registers: [this.registry],
      collect() {
        this.set(sources.ownedMaps?.() ?? 0);
      },
    });
    new Gauge({
      name: 'loopmap_relayed_connections',
      help: 'Sockets held here and relayed to the instance that owns their map.',
      registers: [this.registry],
      collect() {
        this.set(sources.relayedConnections?.() ?? 0);
      },
    });
    this.updates = new Counter({
      name: 'loopmap_updates_total',
      help: 'Document updates stored in the log.',
      registers: [this.registry],
    });
    this.propagation = new Histogram({
      name: 'loopmap_propagation_seconds',
      help: 'From an update reaching the server to it being stored and sent to the other peers.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.storage = new Histogram({
      name: 'loopmap_storage_seconds',
      help: 'Storage calls on the document path, by operation.',
      labelNames: ['op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    this.events = new Counter({
      name: 'loopmap_log_events_total',
      help: 'Warnings and errors logged, by level and event (the log message).',
      labelNames: ['level', 'event'],
      registers: [this.registry],
    });
  }

  /** Times a storage call. */
  async timeStorage<T>(op: string, call: () => Promise<T>): Promise<T> {
    // One labelled child per op, made once: appendUpdates is timed on every turn with updates.
    let child = this.storageByOp.get(op);
    if (!child) this.storageByOp.set(op, (child = this.storage.labels({ op })));
    const started = performance.now();
    try {
      return await call();
    } finally {
      child.observe((performance.now() - started) / 1000);
    }
  }

  private readonly storageByOp = new Map<string, { observe(value: number): void }>();

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
