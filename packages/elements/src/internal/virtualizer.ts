// The parts of @lit-labs/virtualizer the list uses, in one module that is loaded lazily
// (internal/load-virtualizer.ts): a tenth of the bundle that the list's first screen can do without.
export { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
export { flow } from '@lit-labs/virtualizer/layouts/flow.js';
