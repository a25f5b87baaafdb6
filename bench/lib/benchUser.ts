/** The account the load generator acts as on our server (the reference has no accounts). */
export const BENCH_USER = { id: 'bench-user', email: 'bench@example.org', name: 'Bench' };
