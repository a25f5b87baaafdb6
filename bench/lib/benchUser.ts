/** The account the load generator acts as on our server (the reference has no accounts). */
export const BENCH_USER = { id: 'bench-user', email: 'bench@example.org', name: 'Bench' };
/** A second account for bench/attacks.ts: budgets are per account, so attackers are not the honest peers. */
export const BENCH_ATTACKER = { id: 'bench-attacker', email: 'attacker@example.org', name: 'Attacker' };
