// Test helpers other packages' and apps' tests may use (`@devtime/client/test-support`); never shipped.
export { FakeScheduler } from './fake-scheduler.ts';
