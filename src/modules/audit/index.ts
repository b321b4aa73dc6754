/** The audit module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { AuditCheckpointService } from './audit-checkpoint.service';
