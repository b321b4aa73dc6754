/** The referrals module's public face: what other modules may import from it (see .dependency-cruiser.cjs). */
export type { ReferralService } from './referral.service';
