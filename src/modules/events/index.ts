/** The events module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export { emitEvent } from './outbox';
